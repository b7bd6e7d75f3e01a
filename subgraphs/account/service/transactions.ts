import { isNewestFirstPosition, newestFirstPosition, NewestFirstPosition, Page } from '../../kit/connection';
import type { Posting, PrismaClient } from '../__generated__/prisma/client';

export type PostingRecord = Posting;

/** History lines: newest first; posting ids are BIGSERIAL digits. */
export const isHistoryPosition = isNewestFirstPosition(/^\d{1,19}$/);

/** One page of an account's history (`take + 1` rows, to tell whether another page follows). */
export function findHistoryPage(prisma: PrismaClient, accountId: string, page: Page<NewestFirstPosition>): Promise<Posting[]> {
  const after = page.after;
  return prisma.posting.findMany({
    where: {
      accountId,
      ...(after
        ? {
            OR: [{ postedAt: { lt: new Date(after.t) } }, { postedAt: new Date(after.t), id: { lt: BigInt(after.id) } }],
          }
        : {}),
    },
    orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export function positionOf(posting: Posting): NewestFirstPosition {
  return newestFirstPosition(posting.postedAt, posting.id);
}
