/**
 * A consuming center's side of the order-event bus: one durable pull consumer per center, shared by
 * its replicas (JetStream hands each message to one of them), driven as a center worker: a pass
 * fetches a batch and applies it.
 *
 * For each message, in this order:
 * - a type the center does not take (a NATS server before 2.10 filters on one subject only, so it
 *   delivers every type) or an order it does not act on (`concerns`) is acknowledged untouched;
 * - an event already applied here (its id recorded by the center's own table) is acknowledged again;
 * - an event whose order has an earlier event of a type this center records that is not applied yet is
 *   not applied: it is negatively acknowledged with a short delay and comes back (JetStream redelivers a
 *   failed message after later ones, so "event 2 before a redelivered event 1" happens; the consumer
 *   never applies 2 first);
 * - otherwise it is applied in the center's transaction and acknowledged only after that commits. A
 *   failure is negatively acknowledged with a growing delay; a message that is not an order event is
 *   terminated (logged: it can never be applied).
 * A process that dies between the commit and the ack gets the message again (after the ack wait) and
 * finds it applied. Within one pass an order's messages are handled one after another; different orders
 * run concurrently.
 */
import type { Consumer, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Counter, Gauge } from 'prom-client';
import type { CenterName } from '../../../platform/centers';
import { orderEventBus } from '../../../platform/config';
import type { Logger } from '../../../platform/observability/logger';
import type { ServerMetrics } from '../../../platform/observability/metrics';
import { retryDelayMs } from '../workers/backoff';
import type { CenterWorker } from '../workers/centerWorker';
import { BusOrderEvent, decodeOrderEvent } from './message';
import { BusSettings, connectToBus, ensureDurableConsumer, ensureOrderEventStream } from './stream';

/** What a consuming center plugs in: its event types, its record of applied events, and how it applies one. */
export interface OrderEventApplier {
  /** The center: the durable consumer's name. */
  center: CenterName;
  /** The event types the center takes (the consumer's filter on the server). */
  types: readonly string[];
  /**
   * The types whose application the center records by event id (default: all of `types`). An event
   * waits for the order's earlier events of these types; a type applied idempotently without a record
   * (marketing's coupon release) is never waited for.
   */
  recordedTypes?: readonly string[];
  /** Whether the center acts on this order at all; decided from the order's facts, so the same for all its events. */
  concerns?(event: BusOrderEvent): boolean;
  /** Of these event ids, those applied (committed) here. */
  appliedOf(eventIds: string[]): Promise<Set<string>>;
  /** Applies the event in the center's own transaction, once per event id; resolves after the commit. */
  apply(event: BusOrderEvent): Promise<void>;
}

export interface OrderEventConsumerOptions {
  /** Messages per fetch; default 200. */
  batch?: number;
  /** How long a fetch waits for messages when fewer than a batch are there (NATS: at least 1000); default 1000. */
  fetchWaitMs?: number;
  /** Unacknowledged this long, a message goes to another replica; default 30 s. */
  ackWaitMs?: number;
  /** Messages out and unacknowledged across the center's replicas; default 1000. */
  maxAckPending?: number;
  /** Orders applied at the same time by one process; default 8. */
  concurrency?: number;
  /** Delay before an event that waits for an earlier one comes back; default 250 ms × deliveries, at most 5 s. */
  waitDelayMs?: (deliveries: number) => number;
  /** Backoff of a failed apply; default 1 s doubling to 60 s. */
  backoff?: { baseMs?: number; maxMs?: number };
}

export type ConsumeOutcome = 'applied' | 'duplicate' | 'ignored' | 'waiting' | 'failed' | 'refused';

export interface OrderEventConsumer extends CenterWorker {
  /** The durable consumer's backlog: delivered-not-acknowledged and not yet delivered messages. */
  lag(): Promise<{ pending: number; ackPending: number }>;
  stop(): Promise<void>;
}

interface Bus {
  connection: NatsConnection;
  jsm: JetStreamManager;
  consumer: Consumer;
}

/** The center's consumer worker when `NATS_URL` is set; none otherwise (finance's HTTP relay calls the center). */
export function orderEventBusWorkers(applier: OrderEventApplier, log: Logger, metrics: ServerMetrics): CenterWorker[] {
  const settings = orderEventBus();
  return settings ? [createOrderEventConsumer(applier, { settings, log, metrics })] : [];
}

export function createOrderEventConsumer(
  applier: OrderEventApplier,
  deps: { settings: BusSettings; log: Logger; metrics?: ServerMetrics },
  options: OrderEventConsumerOptions = {},
): OrderEventConsumer {
  const { settings, log } = deps;
  const batch = options.batch ?? 200;
  const concurrency = options.concurrency ?? 8;
  const waitDelay = options.waitDelayMs ?? ((deliveries: number) => Math.min(5_000, 250 * deliveries));
  const taken = new Set(applier.types);
  const recorded = new Set(applier.recordedTypes ?? applier.types);
  const outcomes = deps.metrics && consumedCounter(deps.metrics);
  let bus: Promise<Bus> | undefined;
  let stopped = false;

  /** Connects, and creates or updates the durable consumer, once; a failure is tried again on the next pass. */
  function ready(): Promise<Bus> {
    bus ??= (async () => {
      const connection = await connectToBus(settings, `${applier.center}-order-events`, log);
      try {
        const jsm = await jetstreamManager(connection);
        // A consuming center may start before finance ever published: it creates the stream itself (idempotent).
        await ensureOrderEventStream(jsm, settings.stream);
        await ensureDurableConsumer(
          jsm,
          settings.stream,
          {
            name: applier.center,
            types: applier.types,
            ackWaitMs: options.ackWaitMs ?? 30_000,
            maxAckPending: options.maxAckPending ?? 1_000,
          },
          connection.info?.version,
        );
        const consumer = await jetstream(connection).consumers.get(settings.stream, applier.center);
        return { connection, jsm, consumer };
      } catch (error) {
        await connection.close();
        throw error;
      }
    })();
    bus.catch(() => (bus = undefined));
    return bus;
  }

  async function handle(message: JsMsg, event: BusOrderEvent): Promise<ConsumeOutcome> {
    // A type the center does not take reaches it only from a server that cannot filter several subjects.
    if (!taken.has(event.type) || (applier.concerns && !applier.concerns(event))) return settle(message, 'ignored');
    const earlier = event.previous.filter((previous) => recorded.has(previous.type)).map((previous) => previous.id);
    const applied = await applier.appliedOf([event.id, ...earlier]);
    if (applied.has(event.id)) return settle(message, 'duplicate');
    if (earlier.some((id) => !applied.has(id))) {
      message.nak(waitDelay(message.info.deliveryCount));
      return 'waiting';
    }
    try {
      await applier.apply(event);
    } catch (error) {
      const delay = retryDelayMs(message.info.deliveryCount, { baseMs: 1_000, maxMs: 60_000, ...options.backoff });
      log.warn(
        { err: error, eventId: event.id, type: event.type, deliveries: message.info.deliveryCount, retryInMs: delay },
        'order event not applied; will retry',
      );
      message.nak(delay);
      return 'failed';
    }
    return settle(message, 'applied');
  }

  function settle(message: JsMsg, outcome: ConsumeOutcome): ConsumeOutcome {
    message.ack();
    return outcome;
  }

  /** One message, never throwing: a failure to talk to NATS leaves the message to its ack wait. */
  async function consumeOne(message: JsMsg, event: BusOrderEvent | Error): Promise<ConsumeOutcome> {
    let outcome: ConsumeOutcome;
    try {
      if (event instanceof Error) {
        log.error({ err: event, subject: message.subject, streamSeq: message.seq }, 'not an order event; terminated');
        message.term('not an order event');
        outcome = 'refused';
      } else outcome = await handle(message, event);
    } catch (error) {
      log.warn({ err: error, subject: message.subject }, 'order event left to its ack wait');
      outcome = 'failed';
    }
    outcomes?.inc({ consumer: applier.center, outcome });
    return outcome;
  }

  async function runOnce(): Promise<number> {
    if (stopped) return 0;
    const { consumer } = await ready();
    const messages = await consumer.fetch({ max_messages: batch, expires: Math.max(1_000, options.fetchWaitMs ?? 1_000) });
    const lanes = new Map<string, Promise<unknown>>();
    const running: Promise<ConsumeOutcome>[] = [];
    const limit = limiter(concurrency);
    // The fetch is read as fast as it arrives (never held up by the work, or its idle-heartbeat check
    // would end it); the work runs behind it, an order's messages one after another.
    try {
      for await (const message of messages) {
        const event = decode(message);
        const order = event instanceof Error ? `refused:${message.seq}` : event.orderId;
        const work = (lanes.get(order) ?? Promise.resolve()).then(() => limit(() => consumeOne(message, event)));
        lanes.set(order, work);
        running.push(work);
      }
    } catch (error) {
      // The fetch ended early (a missed heartbeat, a reconnect): what arrived is applied; the rest comes back after its ack wait.
      log.warn({ err: error, consumer: applier.center }, 'order-event fetch ended early');
    }
    const outcomes = await Promise.all(running);
    return outcomes.filter((outcome) => outcome === 'applied' || outcome === 'duplicate' || outcome === 'ignored').length;
  }

  async function lag(): Promise<{ pending: number; ackPending: number }> {
    const { jsm } = await ready();
    const info = await jsm.consumers.info(settings.stream, applier.center);
    return { pending: info.num_pending, ackPending: info.num_ack_pending };
  }

  if (deps.metrics) lagGauges(deps.metrics, applier.center, lag, log);

  return {
    name: 'order-events',
    intervalMs: 200,
    runOnce,
    lag,
    async stop() {
      stopped = true;
      const current = bus;
      bus = undefined;
      const opened = await current?.catch(() => undefined);
      await opened?.connection.close();
    },
  };
}

function decode(message: JsMsg): BusOrderEvent | Error {
  try {
    return decodeOrderEvent(message.string());
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Runs at most `slots` tasks at a time, the others queued in call order. */
function limiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next in line, so no newcomer slips in between.
    if (active >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

function consumedCounter(metrics: ServerMetrics): Counter<'consumer' | 'outcome'> {
  return new Counter({
    name: 'bank_order_events_consumed_total',
    help: 'Order events taken from the bus by outcome (applied, duplicate, ignored, waiting for an earlier event, failed, refused)',
    labelNames: ['consumer', 'outcome'],
    registers: [metrics.registry],
  });
}

/**
 * The consumer's lag, read from JetStream at each scrape: `num_pending` (in the stream, not yet
 * delivered) and `num_ack_pending` (delivered, not yet acknowledged). A scrape while NATS cannot
 * answer keeps the last values (and logs), so the other metrics are still served.
 */
function lagGauges(
  metrics: ServerMetrics,
  consumer: string,
  lag: () => Promise<{ pending: number; ackPending: number }>,
  log: Logger,
): void {
  let last: Promise<{ pending: number; ackPending: number } | undefined> | undefined;
  // Both gauges are collected in one scrape: one JetStream request answers them.
  const read = () => {
    last ??= withTimeout(lag(), 2_000)
      .catch((error: unknown) => {
        log.warn({ err: error, consumer }, 'order-event consumer lag not read');
        return undefined;
      })
      .finally(() => setTimeout(() => (last = undefined), 100).unref());
    return last;
  };
  new Gauge({
    name: 'bank_order_events_pending',
    help: 'Order events in the stream for this consumer and not yet delivered (JetStream num_pending)',
    labelNames: ['consumer'],
    registers: [metrics.registry],
    async collect() {
      const value = await read();
      if (value) this.set({ consumer }, value.pending);
    },
  });
  new Gauge({
    name: 'bank_order_events_ack_pending',
    help: 'Order events delivered to this consumer and not yet acknowledged (JetStream num_ack_pending)',
    labelNames: ['consumer'],
    registers: [metrics.registry],
    async collect() {
      const value = await read();
      if (value) this.set({ consumer }, value.ackPending);
    },
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
