/**
 * The outbox relay against a real finance database with subscriber test doubles: what is sent to
 * whom, in which order, what waits after a failure, and that two relays at once deliver each event
 * once per subscriber.
 */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../../platform/clock';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createLogger } from '../../../platform/observability/logger';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../__generated__/prisma/client';
import type { EventSubscriber, OrderEventMessage } from '../subscribers/orderEvents';
import { relayOutbox, RelayDeps } from '../service/outboxRelay';

const log = createLogger('outbox-relay-test');

/** A consumer double that keeps the ids it handled (as the real consumers do) and counts every call. */
class RecordingSubscriber implements EventSubscriber {
  readonly calls: OrderEventMessage[] = [];
  readonly handled = new Set<string>();
  inFlight = 0;
  mostInFlight = 0;
  failing = false;

  constructor(
    readonly name: string,
    readonly wants: ReadonlySet<string>,
    private readonly pause: () => Promise<void> = async () => undefined,
  ) {}

  async deliver(event: OrderEventMessage): Promise<void> {
    this.calls.push(event);
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await this.pause();
      if (this.failing) throw new Error(`${this.name} is down`);
      this.handled.add(event.id);
    } finally {
      this.inFlight -= 1;
    }
  }

  callsFor(orderId: string): string[] {
    return this.calls.filter((call) => call.orderId === orderId).map((call) => call.type);
  }
}

/** A few macrotask turns, so deliveries of different orders interleave. */
const shortPause = (turns: number) => async () => {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('outbox relay', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const clock = new ManualClock('2026-11-25T02:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase('finance');
    prisma = createPrismaClient(PrismaClient, database.url, 4).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
  beforeEach(async () => {
    await prisma.outboxEvent.deleteMany({});
  });

  /** Writes the order's events in the given order, all at the same instant (`seq` keeps them apart). */
  async function writeEvents(orderId: string, types: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const type of types) {
      const id = randomUUID();
      ids.push(id);
      await prisma.outboxEvent.create({
        data: { id, aggregateId: orderId, type, payload: { orderId, type }, createdAt: clock.now(), nextAttemptAt: clock.now() },
      });
    }
    return ids;
  }

  const relayWith = (subscribers: EventSubscriber[], extra: Partial<RelayDeps> = {}): RelayDeps => ({
    prisma,
    clock,
    log,
    subscribers,
    backoff: { baseMs: 1_000 },
    ...extra,
  });

  it('marks events nobody wants published without a call', async () => {
    const account = new RecordingSubscriber('account', new Set(['ORDER_COMPLETED', 'ORDER_REVERSED']));
    const coupons = new RecordingSubscriber('coupons', new Set(['ORDER_REJECTED', 'ORDER_FAILED']));
    const orderId = randomUUID();
    await writeEvents(orderId, ['ORDER_CREATED', 'ORDER_RESERVED', 'ORDER_POSTED', 'ORDER_COMPLETED']);

    expect(await relayOutbox(relayWith([account, coupons]))).toEqual({ delivered: 1, skipped: 3, retrying: 0 });
    expect(account.callsFor(orderId)).toEqual(['ORDER_COMPLETED']);
    expect(coupons.calls).toEqual([]);
    expect(await prisma.outboxEvent.count({ where: { aggregateId: orderId, publishedAt: null } })).toBe(0);
    expect(await relayOutbox(relayWith([account, coupons]))).toEqual({ delivered: 0, skipped: 0, retrying: 0 });
  });

  it('delivers orders concurrently, each order its events in the order they were written', async () => {
    const types = ['ORDER_CREATED', 'ORDER_RESERVED', 'ORDER_POSTED', 'ORDER_COMPLETED'];
    const subscriber = new RecordingSubscriber('everything', new Set(types), shortPause(3));
    const orders = Array.from({ length: 12 }, () => randomUUID());
    // Interleaved across orders, as concurrent transfers write them.
    for (const type of types) for (const orderId of orders) await writeEvents(orderId, [type]);

    const outcome = await relayOutbox(relayWith([subscriber], { concurrency: 4 }), 100);
    expect(outcome).toEqual({ delivered: 48, skipped: 0, retrying: 0 });
    for (const orderId of orders) expect(subscriber.callsFor(orderId)).toEqual(types);
    expect(subscriber.mostInFlight).toBe(4);
  });

  it('a failing consumer keeps only its events pending, with backoff, while the others are delivered', async () => {
    const account = new RecordingSubscriber('account', new Set(['ORDER_COMPLETED', 'ORDER_REVERSED']));
    const coupons = new RecordingSubscriber('coupons', new Set(['ORDER_REJECTED', 'ORDER_FAILED']));
    coupons.failing = true;
    const completed = randomUUID();
    const rejected = randomUUID();
    await writeEvents(completed, ['ORDER_CREATED', 'ORDER_COMPLETED']);
    const [, rejectedId, laterId] = await writeEvents(rejected, ['ORDER_CREATED', 'ORDER_REJECTED', 'ORDER_REVERSED']);

    expect(await relayOutbox(relayWith([account, coupons]))).toEqual({ delivered: 1, skipped: 2, retrying: 2 });
    expect(await prisma.outboxEvent.count({ where: { aggregateId: completed, publishedAt: null } })).toBe(0);
    const failed = await prisma.outboxEvent.findUniqueOrThrow({ where: { id: rejectedId! } });
    expect(failed).toMatchObject({ attempts: 1, publishedAt: null, lastError: 'coupons is down' });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(clock.now().getTime());
    // The order's later event waits for the failed one: the account center has not seen it.
    expect(await prisma.outboxEvent.findUniqueOrThrow({ where: { id: laterId! } })).toMatchObject({ attempts: 0, publishedAt: null });
    expect(account.callsFor(rejected)).toEqual([]);

    // Not due yet: nothing of that order is taken, even the later event that is itself due.
    expect(await relayOutbox(relayWith([account, coupons]))).toEqual({ delivered: 0, skipped: 0, retrying: 0 });

    coupons.failing = false;
    clock.advance(1_000);
    expect(await relayOutbox(relayWith([account, coupons]))).toEqual({ delivered: 2, skipped: 0, retrying: 0 });
    expect(coupons.callsFor(rejected)).toEqual(['ORDER_REJECTED', 'ORDER_REJECTED']);
    expect(account.callsFor(rejected)).toEqual(['ORDER_REVERSED']);
    expect(await prisma.outboxEvent.findUniqueOrThrow({ where: { id: rejectedId! } })).toMatchObject({ attempts: 2, lastError: null });
    expect((await prisma.outboxEvent.findUniqueOrThrow({ where: { id: rejectedId! } })).publishedAt).not.toBeNull();
  });

  it('two relays at once deliver each event once per subscriber, each order in sequence', async () => {
    const types = ['ORDER_CREATED', 'ORDER_COMPLETED', 'ORDER_REVERSED'];
    const account = new RecordingSubscriber('account', new Set(['ORDER_COMPLETED', 'ORDER_REVERSED']), shortPause(2));
    const everything = new RecordingSubscriber('everything', new Set(types), shortPause(1));
    const orders = Array.from({ length: 40 }, () => randomUUID());
    for (const type of types) await Promise.all(orders.map((orderId) => writeEvents(orderId, [type])));
    // A second process: its own connection pool.
    const other = createPrismaClient(PrismaClient, database.url, 4).client;
    try {
      const drain = async (deps: RelayDeps) => {
        let total = 0;
        for (let pass = 0; pass < 200; pass += 1) {
          const outcome = await relayOutbox(deps, 10);
          total += outcome.delivered + outcome.skipped;
          if (
            outcome.delivered + outcome.skipped + outcome.retrying === 0 &&
            (await prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0
          )
            break;
        }
        return total;
      };
      const [first, second] = await Promise.all([
        drain(relayWith([account, everything])),
        drain(relayWith([account, everything], { prisma: other })),
      ]);
      expect(first + second).toBe(120);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
    } finally {
      await other.$disconnect();
    }

    expect(await prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
    expect(everything.calls).toHaveLength(120);
    expect(new Set(everything.calls.map((call) => call.id)).size).toBe(120);
    expect(account.calls).toHaveLength(80);
    expect(new Set(account.calls.map((call) => call.id)).size).toBe(80);
    for (const orderId of orders) {
      expect(everything.callsFor(orderId)).toEqual(types);
      expect(account.callsFor(orderId)).toEqual(['ORDER_COMPLETED', 'ORDER_REVERSED']);
    }
  });
});
