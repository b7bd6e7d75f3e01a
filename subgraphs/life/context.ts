import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { createFinanceCenterClient } from '../finance/client';
import type { PayBillDeps } from './service/billPayments';
import { BillerRecord, findBillers } from './service/billers';

export interface LifeContext extends BaseContext {
  prisma: PrismaClient;
  billersById: DataLoader<string, BillerRecord | null>;
  /** What payBill needs: this store, the finance center, time. */
  payments: PayBillDeps;
}

export function createLifeContext(base: BaseContext, prisma: PrismaClient): LifeContext {
  return {
    ...base,
    prisma,
    billersById: rowsByKey(
      (ids) => findBillers(prisma, ids),
      (biller) => biller.id,
    ),
    payments: { prisma, finance: createFinanceCenterClient('life', base.clock), clock: base.clock, log: base.log },
  };
}
