/**
 * The bounded in-process cache every process shares for things that expire: verified access tokens
 * and internal credentials, reused signed tokens, counters. `lru-cache` keeps it bounded (the least
 * recently used entry goes first once `max` are held, so a flood of distinct keys cannot grow
 * memory) and expires each entry with its own `ttl`. Time is whatever the caller passes, read from
 * the injectable clock, so a test that moves its clock moves the cache's; an entry read at a time
 * before it was stored (a clock moved backwards) counts as expired rather than trusted for longer.
 */
import { LRUCache } from 'lru-cache';

export interface ExpiringCache<Value> {
  /** The value stored under `key` while it is still good at `nowMs`; a stale entry is dropped. */
  get(key: string, nowMs: number): Value | undefined;
  /** Stores `value` at `nowMs`, good until `untilMs` (exclusive); nothing when that is not later. */
  set(key: string, value: Value, nowMs: number, untilMs: number): void;
  /** Drops `key`; with `value`, only while the key still holds that very value. */
  delete(key: string, value?: Value): void;
  readonly size: number;
}

export function expiringCache<Value extends object | string | number | boolean>(max: number): ExpiringCache<Value> {
  let now = 0;
  const entries = new LRUCache<string, { value: Value; storedAt: number }>({
    max,
    // Every operation sets the time first; a resolution of 0 never reuses an earlier reading.
    perf: { now: () => now },
    ttlResolution: 0,
  });
  return {
    get(key, nowMs) {
      now = nowMs;
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (nowMs < entry.storedAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, nowMs, untilMs) {
      now = nowMs;
      // lru-cache keeps an entry while its age is at most `ttl` (0 meaning forever); these end at
      // `untilMs` itself, one millisecond earlier.
      const ttl = untilMs - nowMs - 1;
      if (ttl < 1) return;
      entries.set(key, { value, storedAt: nowMs }, { ttl });
    },
    delete(key, value) {
      if (value === undefined || entries.peek(key, { allowStale: true })?.value === value) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
