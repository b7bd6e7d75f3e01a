/**
 * Closing a Redis connection with QUIT: the server answers what it was already sent, then the
 * connection ends.
 */
import Redis from 'ioredis';
import { testRedisUrl } from '../../../test/support/redis';
import { closeRedis } from '../connection';

test('commands already sent are answered, and the connection ends', async () => {
  const redis = new Redis(testRedisUrl(), { enableAutoPipelining: true, maxRetriesPerRequest: 2 });
  const key = `test:close:${process.pid}:${Date.now()}`;
  await redis.ping();
  const sent = Array.from({ length: 100 }, () => redis.incr(key));
  // One turn of the event loop: the auto-pipeline has written its commands.
  await new Promise((resolve) => setImmediate(resolve));
  await closeRedis(redis);

  expect((await Promise.all(sent)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  await new Promise<void>((resolve) => (redis.status === 'end' ? resolve() : redis.once('end', () => resolve())));
  const check = new Redis(testRedisUrl());
  try {
    expect(await check.get(key)).toBe('100');
    await check.del(key);
  } finally {
    await closeRedis(check);
  }
});
