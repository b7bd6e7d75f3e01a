import { createBehaviorTracker, PermanentBehaviorError, type BehaviorEvent, type BehaviorStorage, type Timers } from '../behavior-sdk';

/** localStorage as a map; a "reload" is a new tracker on the same map. */
function memoryStorage(): BehaviorStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** Timers run by hand: `run()` fires every due callback. */
function manualTimers(): Timers & { pending: { callback: () => void; ms: number }[]; run(): void } {
  const pending: { callback: () => void; ms: number; handle: number }[] = [];
  let next = 0;
  return {
    pending,
    setTimeout(callback, ms) {
      const handle = ++next;
      pending.push({ callback, ms, handle });
      return handle;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.handle === handle);
      if (index >= 0) pending.splice(index, 1);
    },
    run() {
      for (const entry of pending.splice(0)) entry.callback();
    },
  };
}

/** The marketing center's rule: one stored event per clientEventId, a repeat counts as a duplicate. */
function fakeServer() {
  const stored = new Map<string, BehaviorEvent>();
  const batches: BehaviorEvent[][] = [];
  let failNext = 0;
  let loseAnswerNext = 0;
  return {
    stored,
    batches,
    failTimes: (times: number) => void (failNext = times),
    loseAnswerTimes: (times: number) => void (loseAnswerNext = times),
    transport: {
      async send(events: BehaviorEvent[]) {
        batches.push(events);
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('network down');
        }
        let accepted = 0;
        let duplicates = 0;
        for (const event of events) {
          if (stored.has(event.clientEventId)) duplicates += 1;
          else {
            stored.set(event.clientEventId, event);
            accepted += 1;
          }
        }
        if (loseAnswerNext > 0) {
          loseAnswerNext -= 1;
          throw new Error('connection reset after the server stored the batch');
        }
        return { accepted, duplicates };
      },
    },
  };
}

const fixedNow = () => new Date('2026-12-02T10:00:00.000Z');
let counter = 0;
const newId = () => `id-${++counter}`;

describe('behavior SDK', () => {
  test('sends nothing and keeps nothing until the customer consents', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const timers = manualTimers();
    const tracker = createBehaviorTracker({ transport: server.transport, storage, timers, now: fixedNow, newId });
    tracker.pageView('home');
    tracker.click('transfer-button', 'home');
    timers.run();
    await tracker.flush();
    expect(server.batches).toHaveLength(0);
    expect(tracker.pending()).toHaveLength(0);
    expect(storage.data.has('bank.behavior.queue')).toBe(false);

    tracker.setConsent(true);
    tracker.pageView('home');
    await tracker.flush();
    expect(server.batches).toHaveLength(1);
    // The first event of a session starts it.
    expect(server.batches[0]!.map((event) => event.type)).toEqual(['SESSION_START', 'PAGE_VIEW']);
  });

  test('batches events: a full batch goes at once, a partial one after the delay, each with a distinct client id', async () => {
    const server = fakeServer();
    const timers = manualTimers();
    const tracker = createBehaviorTracker({
      transport: server.transport,
      storage: memoryStorage(),
      timers,
      now: fixedNow,
      newId,
      consent: true,
      batchSize: 3,
      flushDelayMs: 5000,
    });
    tracker.pageView('home');
    expect(timers.pending.map((entry) => entry.ms)).toEqual([5000]);
    tracker.productView('WM-WX90', 'products');
    // SESSION_START + 2 events = a full batch: sent without waiting.
    expect(timers.pending.map((entry) => entry.ms)).toEqual([0]);
    timers.run();
    await tracker.flush();
    tracker.click('buy', 'product/WM-WX90');
    timers.run();
    await tracker.flush();
    expect(server.batches.map((batch) => batch.length)).toEqual([3, 1]);
    const ids = server.batches.flat().map((event) => event.clientEventId);
    expect(new Set(ids).size).toBe(4);
    expect(server.batches[0]![2]).toMatchObject({ type: 'PRODUCT_VIEW', productId: 'WM-WX90', page: 'products' });
  });

  test('the offline queue survives a reload and goes out once consent is known again', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    server.failTimes(1);
    const first = createBehaviorTracker({
      transport: server.transport,
      storage,
      timers: manualTimers(),
      now: fixedNow,
      newId,
      consent: true,
    });
    first.pageView('home');
    first.click('accounts', 'home');
    await first.flush();
    expect(server.stored.size).toBe(0);
    first.dispose();

    // Reload: a new tracker on the same storage has the three events (SESSION_START, PAGE_VIEW, CLICK).
    const second = createBehaviorTracker({ transport: server.transport, storage, timers: manualTimers(), now: fixedNow, newId });
    expect(second.pending().map((event) => event.type)).toEqual(['SESSION_START', 'PAGE_VIEW', 'CLICK']);
    await second.flush();
    expect(server.stored.size).toBe(0); // consent not confirmed yet after the reload
    second.setConsent(true);
    await second.flush();
    expect([...server.stored.values()].map((event) => event.type)).toEqual(['SESSION_START', 'PAGE_VIEW', 'CLICK']);
    expect(second.pending()).toHaveLength(0);
    expect(storage.data.has('bank.behavior.queue')).toBe(false);
  });

  test('a retried batch counts once, and retries back off exponentially', async () => {
    const server = fakeServer();
    const timers = manualTimers();
    const tracker = createBehaviorTracker({
      transport: server.transport,
      storage: memoryStorage(),
      timers,
      now: fixedNow,
      newId,
      consent: true,
      retryDelayMs: 1000,
    });
    tracker.pageView('home');
    tracker.pageView('accounts');
    server.loseAnswerTimes(1); // stored, but the answer never arrives
    server.failTimes(0);
    await tracker.flush();
    expect(timers.pending.map((entry) => entry.ms)).toEqual([1000]);
    expect(tracker.pending()).toHaveLength(3);

    server.failTimes(1);
    timers.run();
    await tracker.flush();
    expect(timers.pending.map((entry) => entry.ms)).toEqual([2000]);

    timers.run();
    await tracker.flush();
    expect(server.batches).toHaveLength(3);
    // Same ids every time: the server kept three events, not six.
    expect(server.batches[2]!.map((event) => event.clientEventId)).toEqual(server.batches[0]!.map((event) => event.clientEventId));
    expect(server.stored.size).toBe(3);
    expect(tracker.pending()).toHaveLength(0);
  });

  test('withdrawing consent empties the queue; a batch refused as invalid is dropped, not retried', async () => {
    const storage = memoryStorage();
    const refused: BehaviorEvent[][] = [];
    const tracker = createBehaviorTracker({
      transport: {
        async send(events) {
          refused.push(events);
          throw new PermanentBehaviorError('BAD_USER_INPUT');
        },
      },
      storage,
      timers: manualTimers(),
      now: fixedNow,
      newId,
      consent: true,
    });
    tracker.pageView('home');
    await tracker.flush();
    expect(refused).toHaveLength(1);
    expect(tracker.pending()).toHaveLength(0);

    tracker.pageView('settings');
    expect(tracker.pending().length).toBeGreaterThan(0);
    tracker.setConsent(false);
    expect(tracker.pending()).toHaveLength(0);
    expect(storage.data.has('bank.behavior.queue')).toBe(false);
  });
});
