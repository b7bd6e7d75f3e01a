/**
 * The double-entry ledger. A journal entry's postings sum to zero and are written in one
 * database transaction together with the balance updates. (orderId, leg) is unique, so a retried
 * entry fails instead of posting twice, and a customer account is never debited below zero.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../__generated__/prisma/client';

export interface LedgerLeg {
  accountId: string;
  /** Signed fen: positive credits the account, negative debits it. */
  amount: bigint;
  counterpartyName?: string;
  counterpartyAccountNumber?: string;
  counterpartyBank?: string;
}

export interface JournalEntryInput {
  orderId: string;
  kind: string;
  memo?: string;
  channel?: string;
  postedAt: Date;
  legs: readonly LedgerLeg[];
}

export class LedgerError extends Error {
  constructor(
    readonly reason: 'UNBALANCED' | 'INSUFFICIENT_FUNDS' | 'ACCOUNT_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

export async function postJournalEntry(prisma: PrismaClient, input: JournalEntryInput): Promise<string> {
  const total = input.legs.reduce((sum, leg) => sum + leg.amount, 0n);
  if (total !== 0n || input.legs.length < 2) throw new LedgerError('UNBALANCED', 'postings must sum to zero');
  const entryId = randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.journalEntry.create({
      data: { id: entryId, orderId: input.orderId, kind: input.kind, memo: input.memo, channel: input.channel, postedAt: input.postedAt },
    });
    let leg = 0;
    for (const posting of input.legs) {
      leg += 1;
      // One conditional UPDATE: the row lock serialises concurrent debits of the same account,
      // and the WHERE clause refuses a debit that would take a customer account below zero.
      const updated = await tx.$queryRaw<{ balance: bigint }[]>`
        UPDATE account
           SET balance = balance + ${posting.amount}, available_balance = available_balance + ${posting.amount}
         WHERE id = ${posting.accountId}
           AND (kind = 'GENERAL_LEDGER' OR available_balance + ${posting.amount} >= 0)
        RETURNING balance`;
      const row = updated[0];
      if (!row) {
        const exists = await tx.account.count({ where: { id: posting.accountId } });
        throw exists
          ? new LedgerError('INSUFFICIENT_FUNDS', `insufficient funds on ${posting.accountId}`)
          : new LedgerError('ACCOUNT_NOT_FOUND', `no account ${posting.accountId}`);
      }
      await tx.posting.create({
        data: {
          entryId,
          orderId: input.orderId,
          leg,
          accountId: posting.accountId,
          amount: posting.amount,
          balanceAfter: row.balance,
          counterpartyName: posting.counterpartyName,
          counterpartyAccountNumber: posting.counterpartyAccountNumber,
          counterpartyBank: posting.counterpartyBank,
          channel: input.channel,
          memo: input.memo,
          postedAt: input.postedAt,
        },
      });
    }
  });
  return entryId;
}
