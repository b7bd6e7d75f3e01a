/**
 * The outbox on NATS JetStream (when `NATS_URL` is set): the same lease as the HTTP relay
 * (outboxRelay.ts: `FOR UPDATE SKIP LOCKED`, an order's events in write order, never one behind an
 * earlier unpublished event of its order), so any number of finance replicas publish each event once
 * per lease; but instead of calling each center, every event is published to the stream with the order
 * facts the consumers need and its place among its order's events. The stream stores it (a repeat
 * within the duplicate window is dropped by message id); the row is then marked published. A failed
 * publish is retried with the relay's backoff. Ordering for consumers does not rest on the publish
 * order: each event names its order's earlier events, and a consumer applies it only after those.
 */
import type { BusOrderEvent, BusOrderFacts } from '../../kit/orderEventBus/message';
import type { OrderEventPublisher } from '../../kit/orderEventBus/publisher';
import { fenToDecimal } from '../../kit/money';
import type { PrismaClient } from '../__generated__/prisma/client';
import { requesterOf } from '../subscribers/orderRequesters';
import { EventResult, LeasedEvent, leaseDueEvents, markPublished, RelayDeps, RelayOutcome, scheduleRetries } from './outboxRelay';

export interface PublisherDeps extends Omit<RelayDeps, 'subscribers' | 'concurrency'> {
  bus: OrderEventPublisher;
}

/** One pass: leases up to `batch` due events, publishes them, marks the stored ones published. */
export async function publishOutbox(deps: PublisherDeps, batch = 200): Promise<RelayOutcome> {
  const events = await leaseDueEvents(deps, batch);
  if (events.length === 0) return { delivered: 0, skipped: 0, retrying: 0 };
  const orderIds = [...new Set(events.map((event) => event.aggregateId))];
  const [facts, history] = await Promise.all([orderFacts(deps.prisma, orderIds), orderHistory(deps.prisma, orderIds)]);

  // Published in write order on one connection; the stream's acknowledgements are awaited together.
  const results = new Map<LeasedEvent, EventResult>();
  await Promise.all(
    events.map(async (event) => {
      try {
        const order = facts.get(event.aggregateId);
        if (!order) throw new Error(`order ${event.aggregateId} of event ${event.id} not found`);
        await deps.bus.publish(busEvent(event, order, history.get(event.aggregateId) ?? []));
        results.set(event, { status: 'delivered' });
      } catch (error) {
        results.set(event, { status: 'failed', error });
      }
    }),
  );
  const published = events.filter((event) => results.get(event)?.status === 'delivered');
  await markPublished(
    deps,
    published.map((event) => event.id),
  );
  await scheduleRetries(deps, results);
  return { delivered: published.length, skipped: 0, retrying: events.length - published.length };
}

type HistoryRow = { id: string; type: string; seq: bigint };

function busEvent(event: LeasedEvent, order: BusOrderFacts, history: HistoryRow[]): BusOrderEvent {
  const previous = history.filter((row) => row.seq < event.seq).map((row) => ({ id: row.id, type: row.type }));
  return {
    id: event.id,
    type: event.type,
    orderId: event.aggregateId,
    sequence: previous.length + 1,
    previous,
    occurredAt: event.createdAt.toISOString(),
    payload: event.payload,
    order,
  };
}

/** Every event of these orders, in write order (an order has a handful). */
async function orderHistory(prisma: PrismaClient, orderIds: string[]): Promise<Map<string, HistoryRow[]>> {
  const rows = await prisma.$queryRaw<(HistoryRow & { aggregate_id: string })[]>`
    SELECT id, aggregate_id, type, seq FROM outbox_event WHERE aggregate_id = ANY(${orderIds}::text[]) ORDER BY seq`;
  const byOrder = new Map<string, HistoryRow[]>();
  for (const row of rows) byOrder.set(row.aggregate_id, [...(byOrder.get(row.aggregate_id) ?? []), row]);
  return byOrder;
}

/** What the consuming centers need about each order, as finance's store has it now. */
async function orderFacts(prisma: PrismaClient, orderIds: string[]): Promise<Map<string, BusOrderFacts>> {
  const orders = await prisma.order.findMany({
    where: { id: { in: orderIds } },
    select: {
      id: true,
      ownerId: true,
      kind: true,
      amount: true,
      channel: true,
      productId: true,
      route: true,
      couponId: true,
      idempotencyKey: true,
      failureCode: true,
      failureReason: true,
    },
  });
  // Purchases from before orders kept their product have it on their holding (as the HTTP relay reads it).
  const withoutProduct = orders.filter((order) => order.kind === 'WEALTH_PURCHASE' && !order.productId).map((order) => order.id);
  const holdings = withoutProduct.length
    ? await prisma.holding.findMany({ where: { orderId: { in: withoutProduct } }, select: { orderId: true, productId: true } })
    : [];
  const productOf = new Map(holdings.map((holding) => [holding.orderId, holding.productId]));
  return new Map(
    orders.map((order) => [
      order.id,
      {
        customerId: order.ownerId,
        kind: order.kind,
        amount: fenToDecimal(order.amount),
        channel: order.channel,
        productId: order.productId ?? productOf.get(order.id) ?? null,
        route: order.route,
        couponId: order.couponId,
        idempotencyKey: order.idempotencyKey,
        failureCode: order.failureCode,
        failureReason: order.failureReason,
        requester: requesterOf(order),
      },
    ]),
  );
}
