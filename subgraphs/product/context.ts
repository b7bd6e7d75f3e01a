import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { UserCenterClient, createUserCenterClient } from '../user/client';
import { ProductRecord, findProducts } from './service/catalogue';
import { shanghaiDay } from '../../platform/businessDay';
import { HistoryRecord, findHistories } from './service/history';

export interface ProductContext extends BaseContext {
  prisma: PrismaClient;
  productsById: DataLoader<string, ProductRecord | null>;
  /** Chart series by product, one statement per distinct `days` whatever the number of products. */
  historyOf(productId: string, days: number): Promise<HistoryRecord[]>;
  userCenter: Pick<UserCenterClient, 'customerRiskProfile'>;
}

export function createProductContext(
  base: BaseContext,
  prisma: PrismaClient,
  userCenter: Pick<UserCenterClient, 'customerRiskProfile'> = createUserCenterClient('product', base.clock),
): ProductContext {
  const historyLoaders = new Map<number, DataLoader<string, HistoryRecord[]>>();
  const today = shanghaiDay(base.clock.now());
  return {
    ...base,
    prisma,
    productsById: rowsByKey(
      (ids) => findProducts(prisma, ids),
      (product) => product.id,
    ),
    historyOf(productId, days) {
      let loader = historyLoaders.get(days);
      if (!loader) {
        loader = new DataLoader(async (ids: readonly string[]) => {
          const rows = await findHistories(prisma, ids, today, days);
          return ids.map((id) => rows.filter((row) => row.productId === id));
        });
        historyLoaders.set(days, loader);
      }
      return loader.load(productId);
    },
    userCenter,
  };
}
