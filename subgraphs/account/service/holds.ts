/**
 * Holds: money set aside for an order. A hold lowers the available balance (what can be spent)
 * and leaves the ledger balance alone; releasing gives it back. One hold per order id, and both
 * steps are single statements, so retries and concurrency cannot double-count.
 */
import type { PrismaClient } from '../__generated__/prisma/client';
import { LedgerError, ledgerErrorOf } from './ledgerErrors';

export interface HoldResult {
  orderId: string;
  accountId: string;
  amount: bigint;
  status: 'HELD' | 'RELEASED';
}

export async function placeHold(
  prisma: PrismaClient,
  input: { orderId: string; accountId: string; amount: bigint; at: Date },
): Promise<HoldResult> {
  if (input.amount <= 0n) throw new LedgerError('UNBALANCED', 'a hold must be positive');
  try {
    // The CHECK constraint on account refuses a hold above the available balance.
    await prisma.$executeRaw`
      WITH held AS (
        INSERT INTO account_hold (order_id, account_id, amount, status, created_at)
        SELECT ${input.orderId}, id, ${input.amount}, 'HELD', ${input.at} FROM account
         WHERE id = ${input.accountId} AND kind = 'CUSTOMER' AND status = 'ACTIVE'
        ON CONFLICT (order_id) DO NOTHING
        RETURNING account_id, amount
      )
      UPDATE account a SET available_balance = a.available_balance - held.amount FROM held WHERE a.id = held.account_id`;
  } catch (error) {
    throw await ledgerErrorOf(prisma, error, [input.accountId]);
  }
  const hold = await prisma.hold.findUnique({ where: { orderId: input.orderId } });
  if (!hold) throw await ledgerErrorOf(prisma, new Error('null value in balance_after'), [input.accountId]);
  return hold;
}

export async function releaseHold(prisma: PrismaClient, orderId: string, at: Date): Promise<HoldResult | null> {
  await prisma.$executeRaw`
    WITH released AS (
      UPDATE account_hold SET status = 'RELEASED', released_at = ${at}
       WHERE order_id = ${orderId} AND status = 'HELD'
      RETURNING account_id, amount
    )
    UPDATE account a SET available_balance = a.available_balance + released.amount FROM released WHERE a.id = released.account_id`;
  return prisma.hold.findUnique({ where: { orderId } });
}
