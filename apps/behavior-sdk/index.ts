/**
 * The behavior SDK web and H5 share: page views, clicks, searches, product views and sessions, batched
 * to the marketing center's `trackEvents`. Nothing is collected or sent until the customer consents
 * (the user center's `behaviorConsent`, set in the app's settings): events before consent are dropped,
 * and withdrawing consent empties the queue. Events wait in a queue kept in storage (localStorage in a
 * browser), so a reload or a lost connection loses nothing; a failed batch is retried with exponential
 * backoff. Every event carries a client-generated `clientEventId`, and the marketing center stores an
 * event once per (channel, clientEventId): a batch sent again after a lost answer counts once
 * (`duplicates` in the answer).
 */

export type BehaviorEventType = 'PAGE_VIEW' | 'CLICK' | 'SEARCH' | 'PRODUCT_VIEW' | 'SESSION_START' | 'SESSION_END';

/** One event as `BehaviorEventInput` takes it. */
export interface BehaviorEvent {
  clientEventId: string;
  type: BehaviorEventType;
  /** ISO time on the device. */
  occurredAt: string;
  sessionId: string;
  anonymousId?: string | null;
  page?: string | null;
  target?: string | null;
  productId?: string | null;
}

export interface BehaviorTransport {
  /** Sends one batch; throws when it did not arrive (retried later), or a PermanentBehaviorError when it never will (dropped). */
  send(events: BehaviorEvent[]): Promise<{ accepted: number; duplicates: number }>;
}

/** The batch was refused for what it is (invalid input): sending it again cannot help. */
export class PermanentBehaviorError extends Error {}

/** The subset of the Web Storage API the SDK uses (localStorage in a browser; a fake in tests). */
export interface BehaviorStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BehaviorTrackerOptions {
  transport: BehaviorTransport;
  storage: BehaviorStorage;
  /** Storage keys are prefixed with it (one queue per channel build). */
  namespace?: string;
  /** Whether the customer has consented, as the user center said at start (default false: send nothing). */
  consent?: boolean;
  /** Events per trackEvents call (the server takes at most 500). Default 50. */
  batchSize?: number;
  /** A partial batch is sent this long after its first event. Default 5 s. */
  flushDelayMs?: number;
  /** Events kept at most; the oldest are dropped beyond it. Default 1000. */
  maxQueue?: number;
  /** First retry delay, doubled per failure up to maxRetryDelayMs. Defaults 1 s and 5 min. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A session ends after this long without an event. Default 30 min. */
  sessionIdleMs?: number;
  now?: () => Date;
  timers?: Timers;
  /** Random ids (default crypto.randomUUID). */
  newId?: () => string;
}

export interface BehaviorTracker {
  pageView(page: string): void;
  click(target: string, page?: string): void;
  search(terms: string, page?: string): void;
  productView(productId: string, page?: string): void;
  /** Ends the session (sign-out, tab closed): SESSION_END, then a new session starts with the next event. */
  endSession(page?: string): void;
  /** The customer's consent changed: on, collecting starts; off, the queue is emptied and nothing more is sent. */
  setConsent(granted: boolean): void;
  hasConsent(): boolean;
  /** Sends what is queued now (one batch at a time); resolves when the queue is empty or a send failed. */
  flush(): Promise<void>;
  /** The events waiting to be sent. */
  pending(): readonly BehaviorEvent[];
  /** Stops the timers (events stay queued in storage). */
  dispose(): void;
}

/** The server keeps events of at most 7 days ago; older ones are dropped before sending. */
const MAX_EVENT_AGE_MS = 7 * 24 * 3600 * 1000 - 60_000;

export function createBehaviorTracker(options: BehaviorTrackerOptions): BehaviorTracker {
  const namespace = options.namespace ?? 'bank.behavior';
  const keys = { queue: `${namespace}.queue`, anonymous: `${namespace}.anonymousId`, session: `${namespace}.session` };
  const batchSize = Math.min(500, Math.max(1, options.batchSize ?? 50));
  const flushDelayMs = options.flushDelayMs ?? 5_000;
  const maxQueue = options.maxQueue ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 300_000;
  const sessionIdleMs = options.sessionIdleMs ?? 30 * 60_000;
  const now = options.now ?? (() => new Date());
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const storage = options.storage;

  let consent = options.consent ?? false;
  let queue: BehaviorEvent[] = readQueue();
  let timer: unknown;
  let failures = 0;
  let sending: Promise<void> | undefined;
  let disposed = false;

  function readQueue(): BehaviorEvent[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(keys.queue) ?? '[]');
      return Array.isArray(parsed) ? (parsed as BehaviorEvent[]).filter((event) => typeof event?.clientEventId === 'string') : [];
    } catch {
      return [];
    }
  }
  function saveQueue(): void {
    try {
      if (queue.length) storage.setItem(keys.queue, JSON.stringify(queue));
      else storage.removeItem(keys.queue);
    } catch {
      // Storage full or blocked: the queue still lives in memory.
    }
  }

  function anonymousId(): string {
    let id = storage.getItem(keys.anonymous);
    if (!id) {
      id = `anon-${newId()}`;
      storage.setItem(keys.anonymous, id);
    }
    return id;
  }

  /** The current session id, starting a new session (SESSION_START) after sessionIdleMs of silence. */
  function session(at: Date, page: string | undefined): string {
    let current: { id: string; lastAt: number } | undefined;
    try {
      current = JSON.parse(storage.getItem(keys.session) ?? 'null') ?? undefined;
    } catch {
      current = undefined;
    }
    if (current && at.getTime() - current.lastAt < sessionIdleMs) {
      storage.setItem(keys.session, JSON.stringify({ id: current.id, lastAt: at.getTime() }));
      return current.id;
    }
    const id = `s-${newId()}`;
    storage.setItem(keys.session, JSON.stringify({ id, lastAt: at.getTime() }));
    enqueue({
      clientEventId: newId(),
      type: 'SESSION_START',
      occurredAt: at.toISOString(),
      sessionId: id,
      anonymousId: anonymousId(),
      page,
    });
    return id;
  }

  function enqueue(event: BehaviorEvent): void {
    queue.push(event);
    if (queue.length > maxQueue) queue = queue.slice(queue.length - maxQueue);
    saveQueue();
  }

  function record(type: BehaviorEventType, fields: { page?: string; target?: string; productId?: string }): void {
    if (!consent || disposed) return;
    const at = now();
    const sessionId = session(at, fields.page);
    enqueue({
      clientEventId: newId(),
      type,
      occurredAt: at.toISOString(),
      sessionId,
      anonymousId: anonymousId(),
      page: fields.page ?? null,
      target: fields.target ?? null,
      productId: fields.productId ?? null,
    });
    schedule(queue.length >= batchSize ? 0 : flushDelayMs);
  }

  /** Plans a send in `ms`; an earlier plan stands unless this is sooner (not while backing off) or a retry (`replace`). */
  function schedule(ms: number, replace = false): void {
    if (disposed || !consent || queue.length === 0) return;
    if (timer !== undefined) {
      if (!replace && (ms > 0 || failures > 0)) return;
      timers.clearTimeout(timer);
    }
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  }

  async function sendAll(): Promise<void> {
    while (consent && queue.length > 0) {
      const oldest = now().getTime() - MAX_EVENT_AGE_MS;
      const fresh = queue.filter((event) => Date.parse(event.occurredAt) >= oldest);
      if (fresh.length !== queue.length) {
        queue = fresh;
        saveQueue();
        continue;
      }
      const batch = queue.slice(0, batchSize);
      try {
        await options.transport.send(batch);
      } catch (error) {
        if (!(error instanceof PermanentBehaviorError)) {
          failures += 1;
          schedule(Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (failures - 1)), true);
          return;
        }
      }
      failures = 0;
      // Sent (or refused for good): drop exactly these events; what was queued meanwhile stays.
      const sent = new Set(batch.map((event) => event.clientEventId));
      queue = queue.filter((event) => !sent.has(event.clientEventId));
      saveQueue();
    }
  }

  function flush(): Promise<void> {
    if (!consent || disposed) return Promise.resolve();
    sending ??= sendAll().finally(() => (sending = undefined));
    return sending;
  }

  // Events queued before a reload go out once the app knows the customer still consents.
  return {
    pageView: (page) => record('PAGE_VIEW', { page }),
    click: (target, page) => record('CLICK', { target, page }),
    search: (terms, page) => record('SEARCH', { target: terms, page }),
    productView: (productId, page) => record('PRODUCT_VIEW', { productId, page }),
    endSession(page) {
      if (!consent) return;
      let current: { id: string } | undefined;
      try {
        current = JSON.parse(storage.getItem(keys.session) ?? 'null') ?? undefined;
      } catch {
        current = undefined;
      }
      if (!current) return;
      enqueue({
        clientEventId: newId(),
        type: 'SESSION_END',
        occurredAt: now().toISOString(),
        sessionId: current.id,
        anonymousId: anonymousId(),
        page: page ?? null,
      });
      storage.removeItem(keys.session);
      schedule(0);
    },
    setConsent(granted) {
      consent = granted;
      if (!granted) {
        queue = [];
        saveQueue();
        storage.removeItem(keys.session);
        if (timer !== undefined) timers.clearTimeout(timer);
        timer = undefined;
        failures = 0;
      } else schedule(0);
    },
    hasConsent: () => consent,
    flush,
    pending: () => queue,
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
