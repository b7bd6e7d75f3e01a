/**
 * The points ledger. Every change is an entry, written in one transaction with the balance row,
 * so the balance always equals the sum of the entries. (customer, reference) is unique, so a
 * retried award fails instead of counting twice, and a spend never takes the balance below zero.
 */
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import type { Prisma, PointsAccount, PrismaClient } from '../__generated__/prisma/client';

export type PointsAccountRecord = PointsAccount;

export interface PointsEntryInput {
  customerId: string;
  /** Signed whole points: positive earns, negative spends. */
  delta: number;
  reason: string;
  reference: string;
  at: Date;
}

export class PointsError extends Error {
  constructor(
    readonly reason: 'INSUFFICIENT_POINTS' | 'INVALID_DELTA',
    message: string,
  ) {
    super(message);
  }
}

export function findPointsAccounts(prisma: PrismaClient, customerIds: readonly string[]): Promise<PointsAccount[]> {
  return prisma.pointsAccount.findMany({ where: { customerId: { in: [...customerIds] } } });
}

/** Records one entry and returns the new balance. */
export async function recordPointsEntry(prisma: PrismaClient, entry: PointsEntryInput): Promise<number> {
  if (!Number.isSafeInteger(entry.delta) || entry.delta === 0) throw new PointsError('INVALID_DELTA', 'delta must be a non-zero integer');
  // Spends of one customer queue on the balance row.
  return prisma.$transaction((tx) => applyPointsEntry(tx, entry), QUEUED_TRANSACTION);
}

/** The entry and the balance change, inside the caller's transaction (e.g. with an order event). */
export async function applyPointsEntry(tx: Prisma.TransactionClient, entry: PointsEntryInput): Promise<number> {
  if (!Number.isSafeInteger(entry.delta) || entry.delta === 0) throw new PointsError('INVALID_DELTA', 'delta must be a non-zero integer');
  {
    let balance: number;
    if (entry.delta > 0) {
      const account = await tx.pointsAccount.upsert({
        where: { customerId: entry.customerId },
        create: { customerId: entry.customerId, balance: entry.delta, updatedAt: entry.at },
        update: { balance: { increment: entry.delta }, updatedAt: entry.at },
      });
      balance = account.balance;
    } else {
      // One conditional UPDATE: the row lock serialises concurrent spends, the WHERE refuses an overdraft.
      const { count } = await tx.pointsAccount.updateMany({
        where: { customerId: entry.customerId, balance: { gte: -entry.delta } },
        data: { balance: { increment: entry.delta }, updatedAt: entry.at },
      });
      if (count === 0) throw new PointsError('INSUFFICIENT_POINTS', `not enough points for ${entry.reference}`);
      balance = (await tx.pointsAccount.findUniqueOrThrow({ where: { customerId: entry.customerId } })).balance;
    }
    await tx.pointsEntry.create({
      data: { customerId: entry.customerId, delta: entry.delta, reason: entry.reason, reference: entry.reference, createdAt: entry.at },
    });
    return balance;
  }
}
