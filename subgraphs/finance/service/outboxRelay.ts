/**
 * The transactional outbox relay. Order events are written in the same statement as the change
 * they announce (orderMachine.ts); this relay delivers them at least once to every subscriber that
 * wants their type:
 * - due events are leased in one statement (`FOR UPDATE SKIP LOCKED`; the lease pushes
 *   `next_attempt_at` forward), so two relays never hold the same event at once;
 * - an event nobody wants is marked published without a call;
 * - the leased events of one order are delivered in their written order (`seq`), and a relay never
 *   takes an order's event while an earlier one of that order is still unpublished elsewhere
 *   (leased by another relay, or waiting for a retry); different orders go out concurrently, at
 *   most `concurrency` at a time;
 * - the events every subscriber took are marked published in one UPDATE. A failure is retried with
 *   exponential backoff; the later events of that order wait with it (their order is kept), and
 *   other orders' events are not held back.
 * A crash after delivery but before the mark redelivers the event, which is why subscribers keep
 * the ids they handled and apply each event once.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/observability/logger';
import { retryDelayMs } from '../../kit/workers/backoff';
import type { PrismaClient } from '../__generated__/prisma/client';
import type { EventSubscriber, OrderEventMessage } from '../subscribers/orderEvents';

/** How long a relay owns the events it took before another relay may take them. */
export const RELAY_LEASE_MS = 30_000;

export interface RelayDeps {
  prisma: PrismaClient;
  clock: Clock;
  log: Logger;
  subscribers: EventSubscriber[];
  backoff?: { baseMs?: number; maxMs?: number };
  /** Orders delivered at the same time (events of one order always go one after another); default 8. */
  concurrency?: number;
}

export interface LeasedEvent {
  id: string;
  aggregateId: string;
  type: string;
  payload: unknown;
  createdAt: Date;
  /** Delivery attempts including this one. */
  attempts: number;
  seq: bigint;
}

export interface RelayOutcome {
  /** Events every interested subscriber took, now published. */
  delivered: number;
  /** Events no subscriber wants, published without a call. */
  skipped: number;
  /** Events that failed (or wait behind a failed event of their order) and will be tried again. */
  retrying: number;
}

/**
 * Leases up to `batch` due events, oldest first. An event whose order has an earlier unpublished
 * event is left alone unless that earlier event is leased in the same statement: the first
 * condition keeps out events behind a leased or backed-off one, the second catches an earlier
 * event another relay is leasing right now (skipped as locked, yet still unpublished).
 */
export async function leaseDueEvents(deps: Pick<RelayDeps, 'prisma' | 'clock'>, batch = 50): Promise<LeasedEvent[]> {
  const now = deps.clock.now();
  const rows = await deps.prisma.$queryRaw<
    { id: string; aggregate_id: string; type: string; payload: unknown; created_at: Date; attempts: number; seq: bigint }[]
  >`
    WITH candidate AS (
      SELECT e.id, e.aggregate_id, e.seq FROM outbox_event e
       WHERE e.published_at IS NULL AND e.next_attempt_at <= ${now}
         AND NOT EXISTS (SELECT 1 FROM outbox_event p
                          WHERE p.aggregate_id = e.aggregate_id AND p.seq < e.seq
                            AND p.published_at IS NULL AND p.next_attempt_at > ${now})
       ORDER BY e.seq
       LIMIT ${batch}
         FOR UPDATE SKIP LOCKED
    ), ready AS (
      SELECT c.id FROM candidate c
       WHERE NOT EXISTS (SELECT 1 FROM outbox_event p
                          WHERE p.aggregate_id = c.aggregate_id AND p.seq < c.seq AND p.published_at IS NULL
                            AND p.id NOT IN (SELECT id FROM candidate))
    )
    UPDATE outbox_event o SET next_attempt_at = ${new Date(now.getTime() + RELAY_LEASE_MS)}, attempts = o.attempts + 1
      FROM ready WHERE o.id = ready.id
    RETURNING o.id, o.aggregate_id, o.type, o.payload, o.created_at, o.attempts, o.seq`;
  return rows
    .map((row) => ({
      id: row.id,
      aggregateId: row.aggregate_id,
      type: row.type,
      payload: row.payload,
      createdAt: row.created_at,
      attempts: row.attempts,
      seq: row.seq,
    }))
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

export type EventResult = { status: 'delivered' } | { status: 'failed'; error: unknown } | { status: 'waiting' };

/** One relay pass over a leased batch. */
export async function relayOutbox(deps: RelayDeps, batch = 100): Promise<RelayOutcome> {
  const events = await leaseDueEvents(deps, batch);
  if (events.length === 0) return { delivered: 0, skipped: 0, retrying: 0 };
  const skipped: string[] = [];
  const chains = new Map<string, LeasedEvent[]>();
  for (const event of events) {
    if (!deps.subscribers.some((subscriber) => subscriber.wants.has(event.type))) skipped.push(event.id);
    else chains.set(event.aggregateId, [...(chains.get(event.aggregateId) ?? []), event]);
  }

  const results = new Map<LeasedEvent, EventResult>();
  // A pass that outlives half its lease stops starting deliveries, so no other relay takes its events meanwhile.
  const deadline = performance.now() + RELAY_LEASE_MS / 2;
  await forEachLimited([...chains.values()], deps.concurrency ?? 8, async (chain) => {
    for (const event of chain) {
      if (performance.now() > deadline) {
        results.set(event, { status: 'waiting' });
        continue;
      }
      const result = await deliverToSubscribers(deps.subscribers, event);
      results.set(event, result);
      // The order's later events wait for this one (each subscriber sees an order's events in order).
      if (result.status !== 'delivered')
        for (const later of chain.slice(chain.indexOf(event) + 1)) results.set(later, { status: 'waiting' });
      if (result.status !== 'delivered') break;
    }
  });

  const delivered = [...results].filter(([, result]) => result.status === 'delivered').map(([event]) => event.id);
  await markPublished(deps, [...skipped, ...delivered]);
  await scheduleRetries(deps, results);
  return { delivered: delivered.length, skipped: skipped.length, retrying: results.size - delivered.length };
}

/** Hands the event to every subscriber that wants it (at once); delivered only when all took it. */
async function deliverToSubscribers(subscribers: EventSubscriber[], event: LeasedEvent): Promise<EventResult> {
  const message: OrderEventMessage = {
    id: event.id,
    type: event.type,
    orderId: event.aggregateId,
    payload: JSON.stringify(event.payload),
    occurredAt: event.createdAt.toISOString(),
  };
  const outcomes = await Promise.allSettled(
    subscribers.filter((subscriber) => subscriber.wants.has(event.type)).map((subscriber) => subscriber.deliver(message)),
  );
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  return failure ? { status: 'failed', error: failure.reason } : { status: 'delivered' };
}

export async function markPublished(deps: Pick<RelayDeps, 'prisma' | 'clock'>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await deps.prisma
    .$executeRaw`UPDATE outbox_event SET published_at = ${deps.clock.now()}, last_error = NULL WHERE id = ANY(${ids}::text[])`;
}

/**
 * A failed event is due again after a backoff that grows with its attempts; an event that was not
 * tried (behind a failed one of its order, or past the pass deadline) gives its attempt back and is
 * due at once: it is leased again only when the events before it are published.
 */
export async function scheduleRetries(
  deps: Pick<RelayDeps, 'prisma' | 'clock' | 'log' | 'backoff'>,
  results: Map<LeasedEvent, EventResult>,
): Promise<void> {
  const now = deps.clock.now();
  const waiting: string[] = [];
  for (const [event, result] of results) {
    if (result.status === 'waiting') waiting.push(event.id);
    if (result.status !== 'failed') continue;
    const next = new Date(now.getTime() + retryDelayMs(event.attempts, deps.backoff));
    const message = String((result.error as Error)?.message ?? result.error).slice(0, 500);
    await deps.prisma.$executeRaw`UPDATE outbox_event SET next_attempt_at = ${next}, last_error = ${message} WHERE id = ${event.id}`;
    deps.log.warn(
      { eventId: event.id, type: event.type, attempts: event.attempts, nextAttemptAt: next, err: message },
      'outbox delivery failed; will retry',
    );
  }
  if (waiting.length > 0) {
    await deps.prisma
      .$executeRaw`UPDATE outbox_event SET next_attempt_at = ${now}, attempts = attempts - 1 WHERE id = ANY(${waiting}::text[])`;
  }
}

/** Runs `work` over the items, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
