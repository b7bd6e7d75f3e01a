/**
 * Fixed-window counters for failure counting (per client address and device) and the risk
 * engine's velocity rules. Redis when REDIS_URL or REDIS_CLUSTER_NODES is set, so every auth process
 * counts together; otherwise an in-process map (and the log says so). Each command touches one key
 * (the MULTI below is INCR and EXPIRE of the same counter), so a Redis Cluster needs no hash tag. These only ever slow attackers down or raise
 * a challenge; nothing about money depends on them.
 */
import { ExpiringCache, expiringCache } from '../../../platform/expiringCache';
import { connectRedis, RedisClient, RedisTarget, redisTarget } from '../../../platform/redis/connection';
import type { Logger } from '../../../platform/observability/logger';

export interface CounterStore {
  /** Adds one to `key` in the window that contains `nowMs` and returns the new count. */
  increment(key: string, windowSeconds: number, nowMs: number): Promise<number>;
  /** The count of `key` in the window that contains `nowMs`. */
  read(key: string, windowSeconds: number, nowMs: number): Promise<number>;
  close(): Promise<void>;
}

const windowKey = (key: string, windowSeconds: number, nowMs: number) => `${key}:${Math.floor(nowMs / 1000 / windowSeconds)}`;

/** Counters of this process alone, bounded: past `maxSlots`, the least recently counted slot goes. */
export class InProcessCounterStore implements CounterStore {
  private readonly counts: ExpiringCache<number>;

  constructor(maxSlots = 200_000) {
    this.counts = expiringCache<number>(maxSlots);
  }

  async increment(key: string, windowSeconds: number, nowMs: number): Promise<number> {
    const slot = windowKey(key, windowSeconds, nowMs);
    const count = (this.counts.get(slot, nowMs) ?? 0) + 1;
    this.counts.set(slot, count, nowMs, nowMs + windowSeconds * 1000);
    return count;
  }

  async read(key: string, windowSeconds: number, nowMs: number): Promise<number> {
    return this.counts.get(windowKey(key, windowSeconds, nowMs), nowMs) ?? 0;
  }

  async close(): Promise<void> {}
}

export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly namespace: string,
  ) {}

  async increment(key: string, windowSeconds: number, nowMs: number): Promise<number> {
    const slot = `${this.namespace}:${windowKey(key, windowSeconds, nowMs)}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(slot)
      .expire(slot, windowSeconds * 2)
      .exec()) as [[unknown, number]];
    return count;
  }

  async read(key: string, windowSeconds: number, nowMs: number): Promise<number> {
    return Number((await this.redis.get(`${this.namespace}:${windowKey(key, windowSeconds, nowMs)}`)) ?? 0);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** `namespace` keeps two platforms on one Redis (parallel test runs) from counting together. */
export function createCounterStore(log: Logger, namespace: string, target: RedisTarget | undefined = redisTarget()): CounterStore {
  if (!target) {
    log.info(
      'no Redis configured (REDIS_URL, REDIS_CLUSTER_NODES): login-failure and risk velocity counters are in-process (one process only)',
    );
    return new InProcessCounterStore();
  }
  return new RedisCounterStore(connectRedis(target, log, 'auth-counters'), `bank:auth:${namespace}`);
}
