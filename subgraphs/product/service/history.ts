import type { PrismaClient, ProductHistory } from '../__generated__/prisma/client';
import { dayAsDate } from '../../../platform/businessDay';

export type HistoryRecord = ProductHistory;

export const MAX_HISTORY_DAYS = 366;

/** The last `days` daily values (up to and including `today`) of each product, oldest first. */
export function findHistories(prisma: PrismaClient, productIds: readonly string[], today: string, days: number): Promise<ProductHistory[]> {
  return prisma.productHistory.findMany({
    where: { productId: { in: [...productIds] }, day: { gt: dayAsDate(today, -days), lte: dayAsDate(today) } },
    orderBy: [{ productId: 'asc' }, { day: 'asc' }],
  });
}
