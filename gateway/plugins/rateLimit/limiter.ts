/**
 * Counters behind the rate limits, in Redis, so every gateway process counts against the same
 * numbers. All the buckets one check needs are counted by ONE Lua script call — one round trip
 * and one command however many buckets — in the order given, stopping at the first bucket over
 * its limit, exactly as counting them one after another would (a refused request is not counted
 * in the buckets after the one that refused it). The keys and their arithmetic are those of
 * `rate-limiter-flexible`'s RateLimiterRedis (`<prefix>:<bucket>:<key>`, a count that expires with
 * its window), so processes of an earlier release share the same counters during a rolling
 * restart. Without REDIS_URL, or while Redis is unreachable, counting falls back to this process's
 * memory and says so in the log.
 */
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../../platform/observability/logger';
import type { RateBucketName, RateLimitPolicy } from './policy';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; bucket: RateBucketName };

/** One counter to consume: the bucket and the caller's key within it. */
export type RateCheck = readonly [RateBucketName, string];

export interface RateLimiter {
  consume(bucket: RateBucketName, key: string): Promise<RateDecision>;
  /** Consumes the checks in order, stopping at the first refusal; one Redis round trip. */
  consumeAll(checks: readonly RateCheck[]): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  policy: RateLimitPolicy;
  redis?: Redis;
  /** Key namespace in Redis; gateways that must share counters use the same one. */
  keyPrefix: string;
  log: Logger;
}

const BUCKETS = ['address', 'customer', 'channel', 'operation', 'sensitive'] as const;

/**
 * KEYS: the counters in order; ARGV: window seconds and points, per key. Per key the same steps as
 * rate-limiter-flexible's script (create with its window if absent, add one, read the time left,
 * repair a missing expiry); returns {index of the first key over its points (1-based), ms left}
 * or {0, 0} when every key is within its points.
 */
const CONSUME_SCRIPT = `
for index, key in ipairs(KEYS) do
  local duration = tonumber(ARGV[index * 2 - 1])
  local points = tonumber(ARGV[index * 2])
  redis.call('set', key, 0, 'EX', duration, 'NX')
  local consumed = redis.call('incrby', key, 1)
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('expire', key, duration)
    ttl = 1000 * duration
  end
  if consumed > points then
    return {index, ttl}
  end
end
return {0, 0}
`;

type ConsumeCommand = (...arguments_: (string | number)[]) => Promise<[number, number]>;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { policy, redis, keyPrefix, log } = options;
  if (!redis) log.warn('REDIS_URL not set: rate limits are counted in this process only');
  const memory = new Map<RateBucketName, RateLimiterMemory>();
  const windowArguments = new Map<RateBucketName, [string, string]>();
  for (const bucket of BUCKETS) {
    const { points, durationSeconds: duration } = policy[bucket];
    memory.set(bucket, new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:${bucket}` }));
    windowArguments.set(bucket, [String(duration), String(points)]);
  }
  // defineCommand sends EVALSHA, and the script itself only when Redis does not know it yet.
  redis?.defineCommand('bankRateLimitConsume', { lua: CONSUME_SCRIPT });
  const consumeInRedis = redis ? (redis as unknown as Record<string, ConsumeCommand>).bankRateLimitConsume!.bind(redis) : undefined;

  /** The in-process counters: alone without Redis, and as insurance while Redis does not answer. */
  async function consumeInMemory(checks: readonly RateCheck[]): Promise<RateDecision> {
    for (const [bucket, key] of checks) {
      try {
        await memory.get(bucket)!.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return refused(bucket, rejection.msBeforeNext);
        throw rejection;
      }
    }
    return { allowed: true };
  }

  let warnedFallback = false;
  async function consumeAll(checks: readonly RateCheck[]): Promise<RateDecision> {
    if (checks.length === 0) return { allowed: true };
    try {
      // Fail fast to the insurance counters instead of queueing behind a reconnect.
      if (!consumeInRedis || redis!.status !== 'ready') return await consumeInMemory(checks);
      const commandArguments: (string | number)[] = [checks.length];
      for (const [bucket, key] of checks) commandArguments.push(`${keyPrefix}:${bucket}:${key}`);
      for (const [bucket] of checks) commandArguments.push(...windowArguments.get(bucket)!);
      let answer: [number, number];
      try {
        answer = await consumeInRedis(...commandArguments);
      } catch (error) {
        if (!warnedFallback) log.warn({ err: error }, 'rate limits counted in this process while redis does not answer');
        warnedFallback = true;
        return await consumeInMemory(checks);
      }
      const [refusedIndex, msLeft] = answer;
      return refusedIndex > 0 ? refused(checks[refusedIndex - 1]![0], Number(msLeft)) : { allowed: true };
    } catch (error) {
      // Neither Redis nor the insurance counters answered: admit rather than fail the bank's front door.
      if (!warnedFallback) log.warn({ err: error }, 'rate limiter unavailable; admitting requests');
      warnedFallback = true;
      return { allowed: true };
    }
  }

  return {
    consume: (bucket, key) => consumeAll([[bucket, key]]),
    consumeAll,
  };
}

function refused(bucket: RateBucketName, msBeforeNext: number): RateDecision {
  return { allowed: false, bucket, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}
