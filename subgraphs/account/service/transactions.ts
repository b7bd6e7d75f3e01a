import type { Page } from '../../kit/connection';
import type { Posting, PrismaClient } from '../__generated__/prisma/client';

export type PostingRecord = Posting;

/** Position of a history line: newest first, ties broken by id. */
export interface HistoryPosition {
  t: string;
  id: string;
}

export function isHistoryPosition(value: unknown): value is HistoryPosition {
  const position = value as Partial<HistoryPosition>;
  return (
    typeof position.t === 'string' &&
    !Number.isNaN(Date.parse(position.t)) &&
    typeof position.id === 'string' &&
    /^\d{1,19}$/.test(position.id)
  );
}

/** One page of an account's history (`take + 1` rows, to tell whether another page follows). */
export function findHistoryPage(prisma: PrismaClient, accountId: string, page: Page<HistoryPosition>): Promise<Posting[]> {
  const after = page.after;
  return prisma.posting.findMany({
    where: {
      accountId,
      ...(after
        ? {
            OR: [
              { postedAt: { lt: new Date(after.t) } },
              { postedAt: new Date(after.t), id: { lt: BigInt(after.id) } },
            ],
          }
        : {}),
    },
    orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export function positionOf(posting: Posting): HistoryPosition {
  return { t: posting.postedAt.toISOString(), id: posting.id.toString() };
}

/** 李秀英 → 李*英, 张三 → 张*; the counterparty is never shown in full. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
