/**
 * The transactional outbox relay. Order events are written in the same statement as the change
 * they announce (orderSteps.ts); this relay delivers them to every subscriber at least once:
 * due events are leased (`FOR UPDATE SKIP LOCKED`, the lease pushes `next_attempt_at` forward),
 * delivered, and marked published only when every subscriber took them. A failure is retried
 * with exponential backoff; a crash after delivery but before the mark redelivers the event,
 * which is why subscribers keep the ids they handled and apply each event once.
 */
import type { Clock } from '../../kit/clock';
import type { Logger } from '../../kit/logger';
import { retryDelayMs } from '../../kit/workers/backoff';
import type { OutboxEvent, PrismaClient } from '../__generated__/prisma/client';
import type { EventSubscriber } from '../clients/events';

/** How long a relay owns the events it took before another relay may take them. */
export const RELAY_LEASE_MS = 30_000;

export interface RelayDeps {
  prisma: PrismaClient;
  clock: Clock;
  log: Logger;
  subscribers: EventSubscriber[];
  backoff?: { baseMs?: number; maxMs?: number };
}

export async function leaseDueEvents(deps: RelayDeps, batch = 50): Promise<OutboxEvent[]> {
  const now = deps.clock.now();
  const rows = await deps.prisma.$queryRaw<{ id: string }[]>`
    UPDATE outbox_event SET next_attempt_at = ${new Date(now.getTime() + RELAY_LEASE_MS)}, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox_event
        WHERE published_at IS NULL AND next_attempt_at <= ${now}
        ORDER BY created_at
        LIMIT ${batch}
          FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (rows.length === 0) return [];
  return deps.prisma.outboxEvent.findMany({ where: { id: { in: rows.map((row) => row.id) } }, orderBy: { createdAt: 'asc' } });
}

/** One relay pass; answers how many events were delivered and how many wait for a retry. */
export async function relayOutbox(deps: RelayDeps, batch = 50): Promise<{ delivered: number; retrying: number }> {
  let delivered = 0;
  let retrying = 0;
  for (const event of await leaseDueEvents(deps, batch)) {
    const message = {
      id: event.id,
      type: event.type,
      orderId: event.aggregateId,
      payload: JSON.stringify(event.payload),
      occurredAt: event.createdAt.toISOString(),
    };
    try {
      for (const subscriber of deps.subscribers) await subscriber.deliver(message);
      await deps.prisma.outboxEvent.update({ where: { id: event.id }, data: { publishedAt: deps.clock.now(), lastError: null } });
      delivered += 1;
    } catch (error) {
      const next = new Date(deps.clock.now().getTime() + retryDelayMs(event.attempts, deps.backoff));
      await deps.prisma.outboxEvent.update({ where: { id: event.id }, data: { nextAttemptAt: next, lastError: String((error as Error)?.message ?? error).slice(0, 500) } });
      deps.log.warn({ eventId: event.id, attempts: event.attempts, nextAttemptAt: next }, 'outbox delivery failed; will retry');
      retrying += 1;
    }
  }
  return { delivered, retrying };
}
