/**
 * Counters behind the rate limits: `rate-limiter-flexible` on Redis, so every gateway process
 * counts against the same numbers. Without REDIS_URL, or while Redis is unreachable, counting
 * falls back to this process's memory and says so in the log.
 */
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../../subgraphs/kit/logger';
import type { RateBucketName, RateLimitPolicy } from './policy';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  consume(bucket: RateBucketName, key: string): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  policy: RateLimitPolicy;
  redis?: Redis;
  /** Key namespace in Redis; gateways that must share counters use the same one. */
  keyPrefix: string;
  log: Logger;
}

type Counter = RateLimiterRedis | RateLimiterMemory;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { policy, redis, keyPrefix, log } = options;
  if (!redis) log.warn('REDIS_URL not set: rate limits are counted in this process only');
  const counters = new Map<RateBucketName, Counter>();
  for (const bucket of ['address', 'customer', 'channel', 'operation', 'sensitive'] as const) {
    const { points, durationSeconds: duration } = policy[bucket];
    const prefix = `${keyPrefix}:${bucket}`;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: prefix });
    counters.set(
      bucket,
      redis
        ? new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix: prefix, rejectIfRedisNotReady: true, insuranceLimiter: memory })
        : memory,
    );
  }
  let warnedFallback = false;
  return {
    async consume(bucket, key) {
      try {
        await counters.get(bucket)!.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        // Neither Redis nor the insurance counter answered: admit rather than fail the bank's front door.
        if (!warnedFallback) log.warn({ err: rejection }, 'rate limiter unavailable; admitting requests');
        warnedFallback = true;
        return { allowed: true };
      }
    },
  };
}
