/**
 * @longRunning
 * Order events on NATS JetStream (finance's outbox publishes, account, marketing, life and limits
 * consume with durable consumers), on the machine's NATS server. Each test has its own stream, deleted
 * afterwards. The platform runs with the bus configured; the consumer tests drive consumers of their own
 * on the platform's center stores, so they can be killed and made to fail.
 */
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createLogger } from '../../platform/observability/logger';
import { createServerMetrics } from '../../platform/observability/metrics';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { createOrderEventConsumer, OrderEventApplier, OrderEventConsumer } from '../../subgraphs/kit/orderEventBus/consumer';
import type { BusOrderEvent } from '../../subgraphs/kit/orderEventBus/message';
import { createOrderEventPublisher, OrderEventPublisher } from '../../subgraphs/kit/orderEventBus/publisher';
import { accountOrderEvents } from '../../subgraphs/account/orderEventConsumer';
import { applyOrderEvent } from '../../subgraphs/account/service/orderEvents';
import { lifeOrderEvents } from '../../subgraphs/life/orderEventConsumer';
import { limitsOrderEvents } from '../../subgraphs/limits/orderEventConsumer';
import { marketingOrderEvents } from '../../subgraphs/marketing/orderEventConsumer';
import { transferBetween } from '../money/helpers';
import { testStream, TestStream, useBusForPlatform } from '../support/nats';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { drain, gaugeValue, orderEvents, publishAll } from './busEvents';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const log = createLogger('order-event-bus-test');
const CONSUMING = ['account', 'marketing', 'life', 'limits'] as const;

describe('order events on NATS JetStream', () => {
  let platform: TestPlatform;
  let platformStream: TestStream;
  let restoreEnvironment: () => void;
  const streams: TestStream[] = [];
  const closing: { stop?(): Promise<void>; close?(): Promise<void> }[] = [];

  beforeAll(async () => {
    platformStream = testStream('platform');
    restoreEnvironment = useBusForPlatform(platformStream);
    platform = await startTestPlatform({ centers: ['user', 'auth', 'account', 'finance', 'limits', 'product', 'life', 'marketing'] });
  });
  afterAll(async () => {
    await Promise.all(closing.map((worker) => (worker.stop ?? worker.close)!.call(worker)));
    await platform?.stop();
    restoreEnvironment?.();
    await Promise.all([platformStream, ...streams].map((stream) => stream.remove()));
  });

  /** A stream of this test's own, with a publisher on it. */
  function ownStream(label: string): { stream: TestStream; publisher: OrderEventPublisher } {
    const stream = testStream(label);
    streams.push(stream);
    const publisher = createOrderEventPublisher(stream.settings, log);
    closing.push(publisher);
    return { stream, publisher };
  }

  function consumerOn(stream: TestStream, applier: OrderEventApplier, options: Parameters<typeof createOrderEventConsumer>[2] = {}) {
    const metrics = createServerMetrics({ service: `${applier.center}-center`, processMetrics: false });
    const consumer = createOrderEventConsumer(applier, { settings: stream.settings, log, metrics }, options);
    closing.push(consumer);
    return { consumer, metrics };
  }

  async function counted(metrics: ReturnType<typeof createServerMetrics>, consumer: string, outcome: string): Promise<number> {
    const counter = (await metrics.registry.getSingleMetric('bank_order_events_consumed_total')?.get())?.values ?? [];
    return counter.find((value) => value.labels.consumer === consumer && value.labels.outcome === outcome)?.value ?? 0;
  }

  it("carries a transfer's events from finance's outbox to all four consuming centers, once", async () => {
    const finance = platform.store('finance');
    const token = await platform.login(zhang.mobile);
    const answer = await transferBetween(platform, token, zhang, li, '12.34');
    expect(answer.data).toMatchObject({ createTransfer: { __typename: 'TransferCompleted' } });
    const orderId = (answer.data as { createTransfer: { order: { id: string } } }).createTransfer.order.id;
    const events = await finance.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['ORDER_CREATED', 'ORDER_RESERVED', 'ORDER_POSTED', 'ORDER_COMPLETED']);

    expect(await platform.centers.finance!.workers.outbox!.runOnce()).toBeGreaterThanOrEqual(4);
    expect(await finance.outboxEvent.count({ where: { aggregateId: orderId, publishedAt: null } })).toBe(0);

    const consumers = CONSUMING.map((center) => platform.centers[center]!.workers['order-events'] as OrderEventConsumer);
    await drain(consumers);

    const completed = events[3]!.id;
    const account = platform.store('account');
    expect(await account.handledEvent.findUnique({ where: { eventId: completed } })).toMatchObject({ type: 'ORDER_COMPLETED' });
    const notices = await account.balanceNotice.findMany({ where: { orderId } });
    expect(notices.map((notice) => notice.amount).sort()).toEqual([-1234n, 1234n]);
    const marketing = platform.store('marketing');
    expect(await marketing.orderEvent.findMany({ where: { orderId } })).toEqual([
      expect.objectContaining({ eventId: completed, status: 'COMPLETED', pointsAwarded: 1 }),
    ]);
    // Life and limits took the completion and left it: a transfer is no order they asked for.
    for (const center of ['life', 'limits'] as const) {
      const registry = platform.centers[center]!.metrics.registry;
      const values = (await registry.getSingleMetric('bank_order_events_consumed_total')!.get()).values;
      expect(values.find((value) => value.labels.outcome === 'ignored')?.value).toBeGreaterThanOrEqual(1);
      expect(await platform.store(center).appliedOrderEvent.count({ where: { orderId } })).toBe(0);
    }
    // The lag each center reports is zero now.
    for (const center of CONSUMING) {
      const exposition = await platform.centers[center]!.metrics.registry.metrics();
      expect(gaugeValue(exposition, 'bank_order_events_pending', center)).toBe(0);
      expect(gaugeValue(exposition, 'bank_order_events_ack_pending', center)).toBe(0);
    }

    // A publisher that died before marking its rows publishes them again: the stream keeps one copy of each.
    const stored = async () => {
      const connection = await connect({ servers: platformStream.settings.servers });
      try {
        return (await (await jetstreamManager(connection)).streams.info(platformStream.settings.stream)).state.messages;
      } finally {
        await connection.close();
      }
    };
    const before = await stored();
    await finance.outboxEvent.updateMany({
      where: { aggregateId: orderId },
      data: { publishedAt: null, nextAttemptAt: platform.clock.now() },
    });
    expect(await platform.centers.finance!.workers.outbox!.runOnce()).toBe(4);
    expect(await stored()).toBe(before);
    await drain(consumers);
    expect(await account.balanceNotice.count({ where: { orderId } })).toBe(2);
  });

  it('loses nothing and applies nothing twice when a consumer dies mid-batch before acknowledging', async () => {
    const { stream, publisher } = ownStream('killed');
    const account = platform.store('account');
    const events = Array.from({ length: 20 }, () => orderEvents(['ORDER_COMPLETED'], { customerId: zhang.id }, platform.clock.now())[0]!);
    await publishAll(publisher, events);

    // Every apply that wrote the event (the center's own answer: false for one it had already).
    const appliedNow: string[] = [];
    const base = accountOrderEvents(account, platform.clock);
    const applying = (alive: () => boolean, afterCommit: () => Promise<void> = async () => undefined): OrderEventApplier => ({
      ...base,
      async appliedOf(ids) {
        if (!alive()) throw new Error('process killed');
        return base.appliedOf(ids);
      },
      async apply(event) {
        if (!alive()) throw new Error('process killed');
        const wrote = await applyOrderEvent(account, {
          id: event.id,
          type: event.type,
          orderId: event.orderId,
          source: 'finance',
          at: platform.clock.now(),
        });
        if (wrote) appliedNow.push(event.id);
        await afterCommit();
      },
    });

    // The first consumer dies right after its fifth commit, before that event's ack (and before any later one's).
    let dead = false;
    const first = consumerOn(
      stream,
      applying(
        () => !dead,
        async () => {
          if (appliedNow.length < 5) return;
          dead = true;
          await first.consumer.stop();
        },
      ),
      { ackWaitMs: 3_000, concurrency: 1 },
    );
    await first.consumer.runOnce().catch(() => undefined);
    expect(appliedNow).toHaveLength(5);

    // Another replica of the center takes over the same durable consumer.
    const second = consumerOn(
      stream,
      applying(() => true),
      { ackWaitMs: 3_000 },
    );
    await drain([second.consumer]);

    const ids = events.map((event) => event.id);
    expect(await account.handledEvent.count({ where: { eventId: { in: ids } } })).toBe(20);
    expect([...appliedNow].sort()).toEqual([...ids].sort()); // every event written exactly once
    // The fifth, applied but never acknowledged, came back and was recognised.
    expect(await counted(second.metrics, 'account', 'duplicate')).toBeGreaterThanOrEqual(1);
  });

  it("never applies an order's event before its predecessor: event 2 arrives before a redelivered event 1", async () => {
    const { stream, publisher } = ownStream('ordered');
    const marketing = platform.store('marketing');
    const customerId = `bus-order-${randomUUID()}`;
    const [completed, reversed] = orderEvents(['ORDER_COMPLETED', 'ORDER_REVERSED'], { customerId }, platform.clock.now()) as [
      BusOrderEvent,
      BusOrderEvent,
    ];
    await publishAll(publisher, [completed, reversed]);

    const base = marketingOrderEvents(marketing, platform.clock, log);
    const arrivals: string[] = [];
    const applied: string[] = [];
    let failedOnce = false;
    const { consumer, metrics } = consumerOn(
      stream,
      {
        ...base,
        async appliedOf(ids) {
          arrivals.push(ids[0] === completed.id ? 'completed' : 'reversed');
          return base.appliedOf(ids);
        },
        async apply(event) {
          if (event.id === completed.id && !failedOnce) {
            failedOnce = true;
            arrivals.push('completed failed');
            throw new Error('marketing database unavailable for a moment');
          }
          await base.apply(event);
          applied.push(event.id === completed.id ? 'completed' : 'reversed');
        },
      },
      { waitDelayMs: () => 100, backoff: { baseMs: 1_500, maxMs: 1_500 } },
    );
    await drain([consumer]);

    expect(applied).toEqual(['completed', 'reversed']);
    // The reversal was there before the completion came back, and waited for it.
    const failure = arrivals.indexOf('completed failed');
    const redelivery = arrivals.indexOf('completed', failure);
    expect(arrivals.slice(failure, redelivery)).toContain('reversed');
    expect(await counted(metrics, 'marketing', 'waiting')).toBeGreaterThanOrEqual(1);
    // In order, the completion earned 10 points and the reversal took them back (out of order, neither would move any).
    const entries = await marketing.pointsEntry.findMany({ where: { customerId }, orderBy: { id: 'asc' } });
    expect(entries.map((entry) => entry.delta)).toEqual([10, -10]);
  });

  /**
   * Account applies every event (one statement each), life and limits skip them (no order of theirs);
   * marketing's points transaction (about 45 ms an event on this shared machine) would make this a
   * ten-minute test, so its drain is measured by `npm run bench:bus` instead.
   */
  it('drains a 10,000-event backlog, the lag metric showing it and then zero', async () => {
    const { stream, publisher } = ownStream('backlog');
    const events = Array.from({ length: 5_000 }, () =>
      orderEvents(['ORDER_COMPLETED', 'ORDER_REVERSED'], { customerId: zhang.id }, platform.clock.now()),
    ).flat();
    await publishAll(publisher, events);

    const appliers: OrderEventApplier[] = [
      accountOrderEvents(platform.store('account'), platform.clock),
      lifeOrderEvents(platform.store('life'), platform.clock, log),
      limitsOrderEvents(platform.store('limits'), platform.clock, log),
    ];
    const consumers = appliers.map((applier) => ({ center: applier.center, ...consumerOn(stream, applier) }));
    for (const { center, metrics } of consumers)
      expect(gaugeValue(await metrics.registry.metrics(), 'bank_order_events_pending', center)).toBe(10_000);

    const started = performance.now();
    await drain(consumers.map(({ consumer }) => consumer));
    const seconds = (performance.now() - started) / 1_000;
    console.log(`order-event bus: a 10,000-event backlog drained by account, life and limits at once in ${seconds.toFixed(1)} s`);

    for (const { center, metrics } of consumers) {
      const exposition = await metrics.registry.metrics();
      expect(gaugeValue(exposition, 'bank_order_events_pending', center)).toBe(0);
      expect(gaugeValue(exposition, 'bank_order_events_ack_pending', center)).toBe(0);
    }
    const ids = events.map((event) => event.id);
    expect(await platform.store('account').handledEvent.count({ where: { eventId: { in: ids } } })).toBe(10_000);
    for (const { center, metrics } of consumers.slice(1)) expect(await counted(metrics, center, 'ignored')).toBeGreaterThanOrEqual(10_000);
  }, 900_000);
});
