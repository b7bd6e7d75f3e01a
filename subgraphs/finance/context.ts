import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { OrderRecord, findOrders } from './service/orders';
import { PayeeRecord, findPayeesOfOwners } from './service/payees';

export interface FinanceContext extends BaseContext {
  prisma: PrismaClient;
  ordersById: DataLoader<string, OrderRecord | null>;
  payeesByOwner: DataLoader<string, PayeeRecord[]>;
}

export function createFinanceContext(base: BaseContext, prisma: PrismaClient): FinanceContext {
  return {
    ...base,
    prisma,
    ordersById: rowsByKey((ids) => findOrders(prisma, ids), (order) => order.id),
    payeesByOwner: rowGroupsByKey((ownerIds) => findPayeesOfOwners(prisma, ownerIds), (payee) => payee.ownerId),
  };
}
