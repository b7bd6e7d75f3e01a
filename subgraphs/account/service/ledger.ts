/**
 * The double-entry ledger. A journal entry's postings sum to zero and are written by ONE SQL
 * statement together with the balance updates (a data-modifying CTE): atomic in a single round
 * trip, with no window between debit and credit. The database itself guards the invariants:
 * - `(order_id, phase)` is unique on journal_entry, so a retried post answers the first entry;
 * - `(order_id, leg)` is unique on posting;
 * - CHECK constraints keep customer accounts at or above zero and class III under their cap, so
 *   the statement aborts whole (nothing written) when a debit would overdraw, whatever the concurrency.
 * A reversal is a new entry (phase REVERSAL), never an update or a delete.
 */
import { randomUUID } from 'node:crypto';
import { Prisma } from '../__generated__/prisma/client';
import type { PrismaClient } from '../__generated__/prisma/client';
import { LedgerError, ledgerErrorOf, withDeadlockRetry } from './ledgerErrors';
import { counterpartyOf, encryptCounterparty } from './postingCounterparty';

export { LedgerError } from './ledgerErrors';

export interface LedgerLeg {
  accountId: string;
  /** Signed fen: positive credits the account, negative debits it. */
  amount: bigint;
  counterpartyName?: string | null;
  counterpartyAccountNumber?: string | null;
  counterpartyBank?: string | null;
}

export interface JournalEntryInput {
  orderId: string;
  kind: string;
  memo?: string | null;
  channel?: string | null;
  postedAt: Date;
  legs: readonly LedgerLeg[];
}

export type EntryPhase = 'FORWARD' | 'REVERSAL';

export interface PostedEntry {
  entryId: string;
  kind: string;
  /** False when the order already had this entry (a retry): nothing new was written. */
  created: boolean;
}

/** Reversal legs are numbered after the forward legs, so (order id, leg) stays unique. */
const REVERSAL_LEG_OFFSET = 100;

export async function postJournalEntry(
  prisma: PrismaClient,
  input: JournalEntryInput,
  phase: EntryPhase = 'FORWARD',
): Promise<PostedEntry> {
  const total = input.legs.reduce((sum, leg) => sum + leg.amount, 0n);
  if (total !== 0n || input.legs.length < 2) throw new LedgerError('UNBALANCED', 'postings must sum to zero');
  if (input.legs.some((leg) => leg.amount === 0n)) throw new LedgerError('UNBALANCED', 'a posting cannot be zero');
  const offset = phase === 'REVERSAL' ? REVERSAL_LEG_OFFSET : 0;
  const entryId = randomUUID();
  const legRows = Prisma.join(
    input.legs.map((leg, index) => {
      // The counterparty is encrypted bound to (order id, leg): the posting's own id is a sequence value.
      const { name, accountNumber } = encryptCounterparty(input.orderId, index + 1 + offset, leg);
      return Prisma.sql`(${index + 1 + offset}::int, ${leg.accountId}::text, ${leg.amount}::bigint,
          ${name}::text, ${accountNumber}::text, ${leg.counterpartyBank ?? null}::text)`;
    }),
  );
  // `moved` joins `entry`, so a conflicting (already posted) order moves no money. A leg whose account
  // is missing or not ACTIVE gets no `moved` row: its NULL balance_after aborts the whole statement.
  const statement = Prisma.sql`
    WITH entry AS (
      INSERT INTO journal_entry (id, order_id, phase, kind, memo, channel, posted_at)
      VALUES (${entryId}, ${input.orderId}, ${phase}::"EntryPhase", ${input.kind}, ${input.memo ?? null}, ${input.channel ?? null}, ${input.postedAt})
      ON CONFLICT (order_id, phase) DO NOTHING
      RETURNING id
    ),
    legs (leg, account_id, amount, cp_name, cp_number, cp_bank) AS (VALUES ${legRows}),
    moved AS (
      UPDATE account a
         SET balance = a.balance + l.amount, available_balance = a.available_balance + l.amount
        FROM (SELECT account_id, sum(amount)::bigint AS amount FROM legs GROUP BY account_id) l, entry
       WHERE a.id = l.account_id AND (a.kind = 'GENERAL_LEDGER' OR a.status = 'ACTIVE')
      RETURNING a.id, a.balance
    ),
    posted AS (
      INSERT INTO posting (entry_id, order_id, leg, account_id, amount, balance_after,
                           counterparty_name_cipher, counterparty_account_number_cipher, counterparty_bank, channel, memo, posted_at)
      SELECT e.id, ${input.orderId}, l.leg, l.account_id, l.amount, m.balance,
             l.cp_name, l.cp_number, l.cp_bank, ${input.channel ?? null}, ${input.memo ?? null}, ${input.postedAt}
        FROM legs l CROSS JOIN entry e LEFT JOIN moved m ON m.id = l.account_id
      RETURNING leg
    )
    SELECT (SELECT id FROM entry) AS entry_id, (SELECT count(*) FROM posted)::int AS postings`;
  let rows: { entry_id: string | null; postings: number }[];
  try {
    rows = await withDeadlockRetry(() => prisma.$queryRaw<{ entry_id: string | null; postings: number }[]>(statement));
  } catch (error) {
    throw await ledgerErrorOf(
      prisma,
      error,
      input.legs.map((leg) => leg.accountId),
    );
  }
  if (rows[0]?.entry_id) return { entryId: rows[0].entry_id, kind: input.kind, created: true };
  // The order already has an entry of this phase: answer it (a retry), unless recovery voided the order.
  const existing = await prisma.journalEntry.findUnique({ where: { orderId_phase: { orderId: input.orderId, phase } } });
  if (!existing) throw new LedgerError('CONFLICT', `entry of ${input.orderId} vanished`);
  if (existing.kind === VOID_KIND) throw new LedgerError('ORDER_VOIDED', `order ${input.orderId} was voided by recovery`);
  return { entryId: existing.id, kind: existing.kind, created: false };
}

export const VOID_KIND = 'VOID';

/**
 * Recovery's fence: takes the order's FORWARD slot with an empty VOID entry, so a post still in
 * flight for an abandoned order can never land afterwards. Answers what holds the slot now.
 */
export async function voidOrder(prisma: PrismaClient, orderId: string, at: Date): Promise<{ voided: boolean; entryId: string }> {
  await prisma.$executeRaw`
    INSERT INTO journal_entry (id, order_id, phase, kind, memo, posted_at)
    VALUES (${randomUUID()}, ${orderId}, 'FORWARD'::"EntryPhase", ${VOID_KIND}, '恢复作废', ${at})
    ON CONFLICT (order_id, phase) DO NOTHING`;
  const entry = await prisma.journalEntry.findUniqueOrThrow({ where: { orderId_phase: { orderId, phase: 'FORWARD' } } });
  return { voided: entry.kind === VOID_KIND, entryId: entry.id };
}

/** Compensates an order's forward entry with a new entry of the opposite postings (idempotent). */
export async function reverseJournalEntry(
  prisma: PrismaClient,
  input: { orderId: string; kind: string; memo?: string | null; postedAt: Date },
): Promise<PostedEntry> {
  const forward = await prisma.journalEntry.findUnique({
    where: { orderId_phase: { orderId: input.orderId, phase: 'FORWARD' } },
    include: { postings: { orderBy: { leg: 'asc' } } },
  });
  if (!forward || forward.kind === VOID_KIND) throw new LedgerError('NOT_POSTED', `order ${input.orderId} has no posted entry`);
  return postJournalEntry(
    prisma,
    {
      orderId: input.orderId,
      kind: input.kind,
      memo: input.memo ?? forward.memo,
      channel: forward.channel,
      postedAt: input.postedAt,
      legs: forward.postings.map((posting) => ({
        accountId: posting.accountId,
        amount: -posting.amount,
        ...counterpartyOf(posting),
        counterpartyBank: posting.counterpartyBank,
      })),
    },
    'REVERSAL',
  );
}
