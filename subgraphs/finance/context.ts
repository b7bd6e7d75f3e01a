import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { createAccountCenterClient } from '../account/client';
import { createAuthCenterClient } from '../auth/client';
import { createLimitsCenterClient } from '../limits/client';
import { WealthCentersClient, WealthProductView, createWealthCentersClient } from './wealthCenters';
import type { MoneyDeps } from './service/deps';
import { OrderRecord, findOrders } from './service/orders';
import { PayeeRecord, findPayeesOfOwners } from './service/payees';

export interface FinanceContext extends BaseContext {
  prisma: PrismaClient;
  ordersById: DataLoader<string, OrderRecord | null>;
  payeesByOwner: DataLoader<string, PayeeRecord[]>;
  /** The other centers money movement calls, through the internal client. */
  money: MoneyDeps;
  /** Product suitability and NAV, signed agreements, coupons: what a wealth purchase asks. */
  wealth: WealthCentersClient;
  /** Products by id for this request (current NAV of holdings), asked once per product. */
  productsById: DataLoader<string, WealthProductView | null>;
}

export function createMoneyDeps(prisma: PrismaClient, base: Pick<BaseContext, 'clock' | 'log'>): MoneyDeps {
  return {
    prisma,
    clock: base.clock,
    log: base.log,
    account: createAccountCenterClient('finance', base.clock, { timeoutMs: 10_000 }),
    limits: createLimitsCenterClient('finance', base.clock, { timeoutMs: 10_000 }),
    auth: createAuthCenterClient('finance', base.clock),
  };
}

export function createFinanceContext(base: BaseContext, prisma: PrismaClient): FinanceContext {
  const wealth = createWealthCentersClient(base.clock);
  return {
    ...base,
    prisma,
    ordersById: rowsByKey(
      (ids) => findOrders(prisma, ids),
      (order) => order.id,
    ),
    payeesByOwner: rowGroupsByKey(
      (ownerIds) => findPayeesOfOwners(prisma, ownerIds),
      (payee) => payee.ownerId,
    ),
    money: createMoneyDeps(prisma, base),
    wealth,
    productsById: new DataLoader((ids: readonly string[]) => Promise.all(ids.map((id) => wealth.product(id)))),
  };
}
