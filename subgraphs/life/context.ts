import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { BillerRecord, findBillers } from './service/billers';

export interface LifeContext extends BaseContext {
  prisma: PrismaClient;
  billersById: DataLoader<string, BillerRecord | null>;
}

export function createLifeContext(base: BaseContext, prisma: PrismaClient): LifeContext {
  return {
    ...base,
    prisma,
    billersById: rowsByKey((ids) => findBillers(prisma, ids), (biller) => biller.id),
  };
}
