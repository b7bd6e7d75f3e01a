/**
 * The rate-limit counters: every bucket of one check counted by one Redis script call, in order,
 * stopping at the first refusal (as counting them one by one would), on the same keys and with the
 * same arithmetic as rate-limiter-flexible; and the same answers from the in-process fallback.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import pino from 'pino';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createRateLimiter, PRODUCTION_RATE_LIMITS, RateCheck, RateLimitPolicy } from '../../gateway/plugins/rateLimit';
import { testRedisUrl } from '../support/redis';

const REDIS_URL = testRedisUrl();
const log = pino({ level: 'silent' });
const policy: RateLimitPolicy = {
  ...PRODUCTION_RATE_LIMITS,
  channel: { points: 100, durationSeconds: 60 },
  customer: { points: 100, durationSeconds: 60 },
  operation: { points: 2, durationSeconds: 30 },
  sensitive: { points: 1, durationSeconds: 60 },
};
const checks: RateCheck[] = [
  ['channel', 'MOBILE_APP'],
  ['customer', 'c-1'],
  ['operation', 'customer:c-1:Home'],
];

let redis: Redis;
beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  // Until the connection is ready the limiter counts in memory (as the gateway does at start).
  await redis.ping();
});
afterAll(() => redis.disconnect());

test('one script call counts every bucket in order and stops at the first refusal', async () => {
  const keyPrefix = `test:rlc:${randomUUID()}`;
  const limiter = createRateLimiter({ policy, redis, keyPrefix, log });
  expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
  expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
  const third = await limiter.consumeAll([...checks, ['sensitive', 'customer:c-1:login']]);
  expect(third).toMatchObject({ allowed: false, bucket: 'operation' });
  expect(third.allowed === false && third.retryAfterSeconds).toBeGreaterThanOrEqual(29);
  expect(third.allowed === false && third.retryAfterSeconds).toBeLessThanOrEqual(30);
  // Counted up to and including the refusing bucket, and not in the bucket after it.
  expect(await redis.get(`${keyPrefix}:channel:MOBILE_APP`)).toBe('3');
  expect(await redis.get(`${keyPrefix}:operation:customer:c-1:Home`)).toBe('3');
  expect(await redis.exists(`${keyPrefix}:sensitive:customer:c-1:login`)).toBe(0);
  expect(await redis.pttl(`${keyPrefix}:customer:c-1`)).toBeGreaterThan(59_000);
});

test('the counters are the ones rate-limiter-flexible keeps: an older gateway process shares them', async () => {
  const keyPrefix = `test:rlc:${randomUUID()}`;
  const limiter = createRateLimiter({ policy, redis, keyPrefix, log });
  const older = new RateLimiterRedis({ storeClient: redis, points: 2, duration: 30, keyPrefix: `${keyPrefix}:operation` });
  await older.consume('customer:c-2:Home');
  expect(await limiter.consume('operation', 'customer:c-2:Home')).toEqual({ allowed: true });
  expect(await limiter.consume('operation', 'customer:c-2:Home')).toMatchObject({ allowed: false, bucket: 'operation' });
  await expect(older.consume('customer:c-2:Home')).rejects.toMatchObject({ consumedPoints: 4 });
});

test('without Redis the in-process counters give the same answers', async () => {
  const limiter = createRateLimiter({ policy, keyPrefix: `test:rlc:${randomUUID()}`, log });
  expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
  expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
  expect(await limiter.consumeAll(checks)).toMatchObject({ allowed: false, bucket: 'operation' });
  expect(await limiter.consume('customer', 'c-1')).toEqual({ allowed: true });
});

test('while Redis is down the insurance counters in this process still refuse', async () => {
  const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  try {
    const limiter = createRateLimiter({ policy, redis: down, keyPrefix: `test:rlc:${randomUUID()}`, log });
    expect(await limiter.consume('sensitive', 'address:198.51.100.1:login')).toEqual({ allowed: true });
    expect(await limiter.consume('sensitive', 'address:198.51.100.1:login')).toMatchObject({ allowed: false, bucket: 'sensitive' });
  } finally {
    down.disconnect();
  }
});

test('a check with a new number of buckets, sent while other commands wait to be auto-pipelined, is counted in Redis', async () => {
  // The gateway's connection auto-pipelines: a command joins the pipeline of the current event-loop turn.
  const pipelined = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const keyPrefix = `test:rlc:${randomUUID()}`;
  try {
    await pipelined.ping();
    const limiter = createRateLimiter({ policy, redis: pipelined, keyPrefix, log });
    // Another use of the connection (a revocation check) opens this turn's pipeline first...
    const other = pipelined.get(`${keyPrefix}:other`);
    // ...then checks of one, two and three buckets, none counted on this connection yet.
    const decisions = [limiter.consumeAll(checks.slice(0, 1)), limiter.consumeAll(checks.slice(0, 2)), limiter.consumeAll(checks)];

    expect(await Promise.all(decisions)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(await other).toBeNull();
    // Counted by the script in Redis, not by the in-process insurance counters.
    expect(await redis.get(`${keyPrefix}:channel:MOBILE_APP`)).toBe('3');
    expect(await redis.get(`${keyPrefix}:operation:customer:c-1:Home`)).toBe('1');
  } finally {
    pipelined.disconnect();
  }
});
