/**
 * The Redis connection for identity features (session revocation, counters). Without REDIS_URL
 * callers fall back to in-process stores and say so in the log: that works for one process
 * (npm start runs every part in one), not for several gateway processes.
 */
import Redis from 'ioredis';
import type { Logger } from '../observability/logger';

export function redisUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REDIS_URL || undefined;
}

/**
 * A connection that fails fast instead of queueing commands forever while Redis is down.
 * Auto-pipelining: the commands that concurrent requests issue in one event-loop turn (rate-limit
 * counters, revocation checks) go out in one socket write and come back in one read, instead of a
 * write and a read each; order and answers are unchanged.
 */
export function connectRedis(url: string, log: Logger, purpose: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 2_000, lazyConnect: false, enableAutoPipelining: true });
  redis.on('error', (error: Error) => log.warn({ err: error.message, purpose }, 'redis error'));
  return redis;
}
