/** Read side of the ledger for recovery and reconciliation: entries by order, whole-ledger audit. */
import type { PrismaClient } from '../__generated__/prisma/client';

export interface LedgerEntryView {
  entryId: string;
  orderId: string;
  phase: string;
  kind: string;
  totalFen: bigint;
  amountFen: bigint;
  postingCount: number;
  postedAt: Date;
}

type EntryRow = {
  id: string;
  order_id: string;
  phase: string;
  kind: string;
  total: bigint | null;
  debits: bigint | null;
  n: number;
  posted_at: Date;
};

export async function ledgerEntriesOfOrders(prisma: PrismaClient, orderIds: readonly string[]): Promise<LedgerEntryView[]> {
  if (orderIds.length === 0) return [];
  const rows = await prisma.$queryRaw<EntryRow[]>`
    SELECT e.id, e.order_id, e.phase::text AS phase, e.kind, sum(p.amount)::bigint AS total,
           sum(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END)::bigint AS debits, count(p.id)::int AS n, e.posted_at
      FROM journal_entry e LEFT JOIN posting p ON p.entry_id = e.id
     WHERE e.order_id = ANY(${[...orderIds]}::text[])
     GROUP BY e.id ORDER BY e.order_id, e.phase`;
  return rows.map(entryView);
}

/** Every entry posted in [from, to): reconciliation's view of one day of the ledger. */
export async function ledgerEntriesPostedBetween(prisma: PrismaClient, from: Date, to: Date): Promise<LedgerEntryView[]> {
  const rows = await prisma.$queryRaw<EntryRow[]>`
    SELECT e.id, e.order_id, e.phase::text AS phase, e.kind, sum(p.amount)::bigint AS total,
           sum(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END)::bigint AS debits, count(p.id)::int AS n, e.posted_at
      FROM journal_entry e LEFT JOIN posting p ON p.entry_id = e.id
     WHERE e.posted_at >= ${from} AND e.posted_at < ${to}
     GROUP BY e.id ORDER BY e.order_id, e.phase`;
  return rows.map(entryView);
}

function entryView(row: EntryRow): LedgerEntryView {
  return {
    entryId: row.id,
    orderId: row.order_id,
    phase: row.phase,
    kind: row.kind,
    totalFen: row.total ?? 0n,
    amountFen: row.debits ?? 0n,
    postingCount: row.n,
    postedAt: row.posted_at,
  };
}

export interface LedgerAudit {
  sumOfAllBalancesFen: bigint;
  unbalancedEntries: number;
  overdrawnCustomerAccounts: number;
  duplicatePostings: number;
}

export async function auditLedger(prisma: PrismaClient): Promise<LedgerAudit> {
  const [row] = await prisma.$queryRaw<{ total: bigint; unbalanced: number; overdrawn: number; duplicates: number }[]>`
    SELECT (SELECT coalesce(sum(balance), 0)::bigint FROM account) AS total,
           (SELECT count(*)::int FROM (SELECT entry_id FROM posting GROUP BY entry_id HAVING sum(amount) <> 0) u) AS unbalanced,
           (SELECT count(*)::int FROM account WHERE kind = 'CUSTOMER' AND (balance < 0 OR available_balance < 0)) AS overdrawn,
           (SELECT count(*)::int FROM (SELECT order_id, leg FROM posting GROUP BY order_id, leg HAVING count(*) > 1) d) AS duplicates`;
  return {
    sumOfAllBalancesFen: row!.total,
    unbalancedEntries: row!.unbalanced,
    overdrawnCustomerAccounts: row!.overdrawn,
    duplicatePostings: row!.duplicates,
  };
}
