import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { CustomerRecord, findCustomers } from './service/customers';

export interface UserContext extends BaseContext {
  prisma: PrismaClient;
  customers: DataLoader<string, CustomerRecord | null>;
}

export function createUserContext(base: BaseContext, prisma: PrismaClient): UserContext {
  return {
    ...base,
    prisma,
    customers: rowsByKey(
      (ids) => findCustomers(prisma, ids),
      (customer) => customer.id,
    ),
  };
}
