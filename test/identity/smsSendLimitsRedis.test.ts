/**
 * The per-mobile SMS send limits on a real Redis: the Lua script decides exactly as the in-process
 * limiter does over the same sends (same refusals, same retry-after, same window named), and two
 * replicas sharing the Redis count together — of concurrent sends to one mobile through both, one
 * is admitted. Keys name a hash of the mobile, never the number.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Admission, DEFAULT_SEND_WINDOWS, InProcessSendLimiter, RedisSendLimiter } from '../../subgraphs/auth/service/sms/sendLimits';
import { testRedisUrl } from '../support/redis';

const start = Date.parse('2026-12-03T00:00:00.000Z');
const minutes = (n: number) => start + n * 60_000;

describe('SMS send limits on Redis', () => {
  const namespace = `test-sms-${randomUUID()}`;
  let redis: Redis;
  let replicaA: RedisSendLimiter;
  let replicaB: RedisSendLimiter;
  beforeAll(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
    replicaA = new RedisSendLimiter(new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 }), namespace);
    replicaB = new RedisSendLimiter(new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 }), namespace);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${namespace}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await replicaA?.close();
    await replicaB?.close();
  });

  it('decides a day of sends exactly as the in-process limiter', async () => {
    const inProcess = new InProcessSendLimiter(DEFAULT_SEND_WINDOWS);
    const mobile = '13900000101';
    // Every 7 minutes for a day and a bit: crosses the minute, hour and day windows.
    const times = Array.from({ length: 230 }, (_, i) => minutes(i * 7));
    const fromRedis: Admission[] = [];
    const fromProcess: Admission[] = [];
    for (const at of times) {
      fromRedis.push(await replicaA.admit(mobile, at));
      fromProcess.push(await inProcess.admit(mobile, at));
    }
    expect(fromRedis).toEqual(fromProcess);
    const admitted = fromRedis.filter((answer) => answer.admitted).length;
    // 5 in the first hour, then the hour window paces sends until the day's 10 are used, and again after.
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(fromRedis.some((answer) => !answer.admitted && answer.window.seconds === 86_400)).toBe(true);
    expect(fromRedis.some((answer) => !answer.admitted && answer.window.seconds === 3600)).toBe(true);
  });

  it('counts the sends of two replicas together, one admitted of many at once', async () => {
    const mobile = '13900000102';
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).admit(mobile, minutes(0) + i)),
    );
    expect(answers.filter((answer) => answer.admitted)).toHaveLength(1);
    // A minute after the admitted one, either replica admits again.
    const admittedAt = minutes(0) + answers.findIndex((answer) => answer.admitted);
    expect(await replicaB.admit(mobile, admittedAt + 60_001)).toEqual({ admitted: true });
  });

  it('keys a hash of the mobile, never the number', async () => {
    const mobile = '13900000103';
    await replicaA.admit(mobile, minutes(0));
    const keys = await redis.keys(`${namespace}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes(mobile))).toBe(false);
  });
});
