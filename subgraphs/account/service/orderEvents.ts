/**
 * Consumer of finance's order events (delivered at least once by its outbox relay). An event is
 * applied once: the handled event id and the balance-change notices it yields are written by ONE
 * statement, so a redelivery (same id) inserts nothing, and a crash writes both or neither.
 * ORDER_COMPLETED notifies the postings of the order's forward entry, ORDER_REVERSED those of its
 * reversal (the refund); other events are only recorded as handled.
 */
import type { PrismaClient } from '../__generated__/prisma/client';

export interface OrderEvent {
  id: string;
  type: string;
  orderId: string;
  source: string;
  at: Date;
}

const NOTIFIED_PHASE: Record<string, 'FORWARD' | 'REVERSAL'> = {
  ORDER_COMPLETED: 'FORWARD',
  ORDER_REVERSED: 'REVERSAL',
};

/** True when the event was applied now; false when it had been applied before (a redelivery). */
export async function applyOrderEvent(prisma: PrismaClient, event: OrderEvent): Promise<boolean> {
  const phase = NOTIFIED_PHASE[event.type] ?? null;
  const [row] = await prisma.$queryRaw<{ handled: number }[]>`
    WITH handled AS (
      INSERT INTO handled_event (event_id, source, type, handled_at)
      VALUES (${event.id}, ${event.source}, ${event.type}, ${event.at})
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
    ), noticed AS (
      INSERT INTO balance_notice (id, event_id, order_id, posting_id, account_id, owner_id, amount, balance_after, created_at)
      SELECT gen_random_uuid()::text, h.event_id, p.order_id, p.id, p.account_id, a.owner_id, p.amount, p.balance_after, ${event.at}
        FROM handled h
        JOIN journal_entry e ON e.order_id = ${event.orderId} AND e.phase::text = ${phase} AND e.kind <> 'VOID'
        JOIN posting p ON p.entry_id = e.id
        JOIN account a ON a.id = p.account_id AND a.kind = 'CUSTOMER'
      RETURNING id
    )
    SELECT (SELECT count(*) FROM handled)::int AS handled, (SELECT count(*) FROM noticed)::int AS notices`;
  return (row?.handled ?? 0) > 0;
}
