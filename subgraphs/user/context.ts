import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { userRuntimeOf, type UserRuntime } from './runtime';
import { CustomerRecord, findCustomers } from './service/customers';

export interface UserContext extends BaseContext {
  prisma: PrismaClient;
  customers: DataLoader<string, CustomerRecord | null>;
  runtime: UserRuntime;
}

export function createUserContext(base: BaseContext, prisma: PrismaClient): UserContext {
  return {
    ...base,
    prisma,
    runtime: userRuntimeOf(prisma),
    customers: rowsByKey(
      (ids) => findCustomers(prisma, ids),
      (customer) => customer.id,
    ),
  };
}
