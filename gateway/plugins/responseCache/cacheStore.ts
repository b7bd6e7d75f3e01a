/**
 * Where cached responses live: Redis, shared by every gateway process, or — without Redis — a
 * bounded cache in this process. Invalidation bumps a generation number that is part of every
 * entry's key, so one command drops the whole catalogue cache for every gateway at once; old
 * entries simply expire with their TTL.
 *
 * On a Redis Cluster the generation and the entries live in different hash slots (the catalogue is
 * shared by every customer, so no hash tag gathers them), and a lookup reads the generation, then
 * the entry under it: two round trips instead of one script. An invalidation that lands between the
 * two reads lets that one lookup answer from the generation just dropped — as if the request had
 * come a moment earlier — and nothing is stored under a generation after it was dropped.
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../../platform/observability/logger';
import { isCluster, RedisClient } from '../../../platform/redis/connection';

export interface Lookup {
  /** The stored value, if any. */
  value?: string;
  /** The generation the lookup saw; a store of this request's answer goes under it. */
  generation: string;
}

export interface ResponseCacheStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<Lookup>;
  /** Stores under `generation`: an answer computed before an invalidation is never served after it. */
  set(key: string, value: string, ttlSeconds: number, generation: string): Promise<void>;
  /** Drops every entry (for every gateway sharing the store). */
  invalidate(): Promise<void>;
}

// One round trip per lookup: read the generation, then the entry under it.
const GET_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. ':' .. generation .. ':' .. ARGV[2]) }
`;

type RedisWithLookup = RedisClient & {
  responseCacheGet(generationKey: string, prefix: string, key: string): Promise<[string, string | null]>;
};

/** After a lookup Redis did not answer, how long lookups are misses at once instead of waiting on it again (a failover). */
const LOOKUP_RETRY_AFTER_FAILURE_MS = 1_000;

export function redisResponseCacheStore(redis: RedisClient, keyPrefix: string): ResponseCacheStore {
  const client = redis as RedisWithLookup;
  const cluster = isCluster(redis);
  if (!cluster && typeof client.responseCacheGet !== 'function')
    client.defineCommand('responseCacheGet', { numberOfKeys: 1, lua: GET_SCRIPT });
  const generationKey = `${keyPrefix}:generation`;
  let failedAt = -Infinity;

  /** The generation and the entry under it: one script on one server, two reads on a cluster. */
  async function lookup(key: string): Promise<Lookup> {
    if (cluster) {
      const generation = (await redis.get(generationKey)) ?? '0';
      return { generation, value: (await redis.get(`${keyPrefix}:${generation}:${key}`)) ?? undefined };
    }
    const [generation, value] = await client.responseCacheGet(generationKey, keyPrefix, key);
    return { generation, value: value ?? undefined };
  }

  return {
    kind: 'redis',
    async get(key) {
      // The caller takes a failed lookup for a miss: while Redis is failing over, miss at once rather than wait again.
      if (Date.now() - failedAt < LOOKUP_RETRY_AFTER_FAILURE_MS) throw new Error('response cache: redis did not answer a moment ago');
      try {
        return await lookup(key);
      } catch (error) {
        failedAt = Date.now();
        throw error;
      }
    },
    async set(key, value, ttlSeconds, generation) {
      await redis.set(`${keyPrefix}:${generation}:${key}`, value, 'EX', ttlSeconds);
    },
    async invalidate() {
      await redis.incr(generationKey);
    },
  };
}

/**
 * The in-process fallback: at most `maxEntries` entries, the least recently used dropped first.
 * Expiry uses the process's real time, as Redis's TTL does (the platform's injected clock is
 * business time).
 */
export function memoryResponseCacheStore(maxEntries = 1_000): ResponseCacheStore {
  const entries = new LRUCache<string, string>({ max: maxEntries });
  let generation = 0;
  return {
    kind: 'memory',
    async get(key) {
      return { generation: String(generation), value: entries.get(`${generation}:${key}`) };
    },
    async set(key, value, ttlSeconds, seen) {
      if (seen !== String(generation)) return;
      entries.set(`${generation}:${key}`, value, { ttl: ttlSeconds * 1000 });
    },
    async invalidate() {
      generation += 1;
      entries.clear();
    },
  };
}

export function createResponseCacheStore(options: { redis?: RedisClient; keyPrefix: string; log: Logger }): ResponseCacheStore {
  if (options.redis) return redisResponseCacheStore(options.redis, options.keyPrefix);
  options.log.warn('no Redis configured (REDIS_URL, REDIS_CLUSTER_NODES): the catalogue response cache is kept in this process only');
  return memoryResponseCacheStore();
}
