/**
 * Every Redis use on a real Redis Cluster (three masters, one replica each): the rate-limit counters
 * of 1,000 callers spread over all three masters with each caller's counters in one slot; the
 * counters, the revocation view and the response cache behave as on one server (the same scenarios
 * as the `redis` project's tests); and a whole platform whose gateway and auth center take
 * REDIS_CLUSTER_NODES signs in, limits, caches and revokes through the cluster.
 */
import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import pino from 'pino';
import { createRateLimiter, PRODUCTION_RATE_LIMITS, RateCheck, RateLimitPolicy } from '../../gateway/plugins/rateLimit';
import { redisResponseCacheStore } from '../../gateway/plugins/responseCache/cacheStore';
import { connectRedis, parseClusterNodes } from '../../platform/redis/connection';
import type { RedisRevocationStore } from '../../platform/redis/sessionRevocation';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { eventually, fromMemory, RevocationProbe, revocationProbe, untilLive } from '../support/revocationProbe';

const log = pino({ level: 'silent' });
let cluster: TestRedisCluster;
const connections: Cluster[] = [];
const stores: RedisRevocationStore[] = [];

/** A cluster connection made as the platform makes it, ready (slots known) before it is used. */
async function connect(): Promise<Cluster> {
  const redis = connectRedis({ kind: 'cluster', nodes: parseClusterNodes(cluster.nodesSetting) }, log, 'test') as Cluster;
  connections.push(redis);
  await eventually(async () => redis.status === 'ready', 10_000);
  return redis;
}

/** The keys under `prefix` on each master, by the master's port. */
async function keysByMaster(prefix: string): Promise<Map<number, string[]>> {
  const masters = (await cluster.topology()).filter((node) => node.role === 'master' && !node.failed);
  const found = new Map<number, string[]>();
  for (const master of masters) {
    const node = new Redis({ host: '127.0.0.1', port: master.port });
    try {
      found.set(master.port, await node.keys(`${prefix}:*`));
    } finally {
      node.disconnect();
    }
  }
  return found;
}

beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  connections.forEach((connection) => connection.disconnect());
  await cluster?.stop();
});

describe('rate-limit counters', () => {
  const policy: RateLimitPolicy = {
    ...PRODUCTION_RATE_LIMITS,
    channel: { points: 100_000, durationSeconds: 60 },
    customer: { points: 100, durationSeconds: 60 },
    operation: { points: 2, durationSeconds: 30 },
    sensitive: { points: 1, durationSeconds: 60 },
  };
  const callerChecks = (id: string): RateCheck[] => [
    ['channel', 'MOBILE_APP'],
    ['customer', id, `customer:${id}`],
    ['operation', `customer:${id}:Home`, `customer:${id}`],
  ];

  test("1,000 callers' counters spread over all three masters, each caller's counters in one slot", async () => {
    const redis = await connect();
    const keyPrefix = `test:rlc:${randomUUID()}`;
    const limiter = createRateLimiter({ policy, redis, keyPrefix, log });
    const callers = Array.from({ length: 1_000 }, (_, index) => `c-${index}`);
    for (let from = 0; from < callers.length; from += 100) {
      const decisions = await Promise.all(callers.slice(from, from + 100).map((id) => limiter.consumeAll(callerChecks(id))));
      expect(decisions.every((decision) => decision.allowed)).toBe(true);
    }

    const byMaster = await keysByMaster(keyPrefix);
    expect(byMaster.size).toBe(3);
    const masterOfCaller = new Map<string, Set<number>>();
    for (const [port, keys] of byMaster) {
      for (const key of keys) {
        const caller = /\{customer:(c-\d+)\}/.exec(key)?.[1];
        if (caller) masterOfCaller.set(caller, (masterOfCaller.get(caller) ?? new Set()).add(port));
      }
    }
    // Counted in Redis, not in the fallback: every caller's two counters are there, on one master.
    expect(masterOfCaller.size).toBe(1_000);
    expect([...masterOfCaller.values()].every((ports) => ports.size === 1)).toBe(true);
    const callersPerMaster = [...byMaster.keys()].map((port) => [...masterOfCaller.values()].filter((ports) => ports.has(port)).length);
    for (const count of callersPerMaster) expect(count).toBeGreaterThan(200);
    // The shared channel counter is one key, counted once per caller.
    expect(await redis.get(`${keyPrefix}:channel:MOBILE_APP`)).toBe('1000');
    console.log(`callers per master: ${callersPerMaster.join(', ')}`);
  });

  test('the buckets of one check are counted in order, stopping at the first refusal, as on one server', async () => {
    const redis = await connect();
    const keyPrefix = `test:rlc:${randomUUID()}`;
    const limiter = createRateLimiter({ policy, redis, keyPrefix, log });
    const checks = callerChecks('c-1');
    expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
    expect(await limiter.consumeAll(checks)).toEqual({ allowed: true });
    const third = await limiter.consumeAll([...checks, ['sensitive', 'customer:c-1:login', 'customer:c-1']]);
    expect(third).toMatchObject({ allowed: false, bucket: 'operation' });
    expect(third.allowed === false && third.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(await redis.get(`${keyPrefix}:channel:MOBILE_APP`)).toBe('3');
    expect(await redis.get(`${keyPrefix}:{customer:c-1}:operation:customer:c-1:Home`)).toBe('3');
    expect(await redis.exists(`${keyPrefix}:{customer:c-1}:sensitive:customer:c-1:login`)).toBe(0);
    expect(await redis.pttl(`${keyPrefix}:{customer:c-1}:customer:c-1`)).toBeGreaterThan(59_000);

    // A second gateway on the cluster counts against the same numbers.
    const other = createRateLimiter({ policy, redis: await connect(), keyPrefix, log });
    expect(await other.consume('sensitive', 'address:198.51.100.7:login', 'address:198.51.100.7')).toEqual({ allowed: true });
    expect(await limiter.consume('sensitive', 'address:198.51.100.7:login', 'address:198.51.100.7')).toMatchObject({
      allowed: false,
      bucket: 'sensitive',
    });
  });
});

describe('session revocation', () => {
  async function probe(): Promise<RevocationProbe> {
    const made = revocationProbe(await connect());
    stores.push(made.revocations);
    return made;
  }

  test('once live, checks are answered from memory and a new revocation arrives by message', async () => {
    const writer = await probe();
    const reader = await probe();
    const sessionId = randomUUID();
    expect(await reader.revocations.isRevoked(sessionId)).toBe(false);
    expect(reader.lookups).toHaveBeenCalledTimes(1); // not live yet: a lookup
    await untilLive(reader, 5_000);

    const lookupsBefore = reader.lookups.mock.calls.length;
    await writer.revocations.revoke(sessionId);
    await eventually(() => reader.revocations.isRevoked(sessionId));
    expect(await reader.revocations.isRevoked(randomUUID())).toBe(false);
    expect(reader.lookups.mock.calls.length).toBe(lookupsBefore);
    // The session's own key is written too: a view that is not live finds it by lookup.
    const lookup = await probe();
    expect(await lookup.revocations.isRevoked(sessionId)).toBe(true);
    expect(lookup.lookups).toHaveBeenCalledTimes(1);
  });

  test('revocations made before the view started are loaded with it', async () => {
    const writer = await probe();
    const earlier = randomUUID();
    await writer.revocations.revoke(earlier);
    const reader = await probe();
    await reader.revocations.isRevoked(randomUUID());
    await untilLive(reader, 5_000);
    expect(await fromMemory(reader, earlier)).toBe(true);
  });

  test('a dropped subscription is opened again and a revocation missed meanwhile is loaded', async () => {
    const writer = await probe();
    const reader = await probe();
    await reader.revocations.isRevoked(randomUUID());
    await untilLive(reader, 5_000);

    // The subscription sits on one node: find it there and drop it.
    let killed = 0;
    for (const port of cluster.ports) {
      const node = new Redis({ host: '127.0.0.1', port });
      try {
        const clients = (await node.client('LIST')) as string;
        const id = /\bid=(\d+)/.exec(clients.split('\n').find((line) => line.includes(`name=${reader.subscriberName} `)) ?? '')?.[1];
        if (id) killed += Number(await node.client('KILL', 'ID', id));
      } finally {
        node.disconnect();
      }
    }
    expect(killed).toBe(1);
    const missed = randomUUID();
    await writer.revocations.revoke(missed);
    expect(await reader.revocations.isRevoked(missed)).toBe(true);
    await untilLive(reader, 5_000);
    expect(await fromMemory(reader, missed)).toBe(true);
  });
});

test('the response cache: two gateways share entries, and an invalidation drops them for both', async () => {
  const prefix = `test:rc:${randomUUID()}`;
  const first = redisResponseCacheStore(await connect(), prefix);
  const second = redisResponseCacheStore(await connect(), prefix);
  const miss = await first.get('products:WEB');
  expect(miss.value).toBeUndefined();
  await first.set('products:WEB', '{"data":1}', 60, miss.generation);
  expect(await second.get('products:WEB')).toEqual({ value: '{"data":1}', generation: miss.generation });

  await second.invalidate();
  const after = await first.get('products:WEB');
  expect(after.value).toBeUndefined();
  expect(after.generation).not.toBe(miss.generation);
  // An answer computed before the invalidation, stored late, is never served after it.
  await first.set('products:WEB', '{"data":"stale"}', 60, miss.generation);
  expect((await second.get('products:WEB')).value).toBeUndefined();
});

describe('a platform on the cluster', () => {
  const [zhang] = DEMO_CUSTOMERS;
  let platform: TestPlatform;
  beforeAll(async () => {
    // The auth center (revocations, counters, SMS limits) and the gateway (the rest) read it at start.
    process.env.REDIS_CLUSTER_NODES = cluster.nodesSetting;
    platform = await startTestPlatform({
      centers: ['auth', 'user', 'product'],
      gateway: {
        responseCache: true,
        responseCacheKeyPrefix: `test:rc:${randomUUID()}`,
        rateLimitKeyPrefix: `test:rl:${randomUUID()}`,
        rateLimit: { sensitive: { points: 3, durationSeconds: 30 } },
      },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    delete process.env.REDIS_CLUSTER_NODES;
  });

  test('sign-in, the catalogue cache, rate limits and logout work through the cluster', async () => {
    const token = await platform.login(zhang!.mobile);
    const me = await platform.query<{ me: { name: string } }>('{ me { name } }', { token });
    expect(me.body.data?.me.name).toBe(zhang!.name);

    const catalogue = '{ products { edges { node { id } } } }';
    const fetchCatalogue = () =>
      fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
        body: JSON.stringify({ query: catalogue }),
      });
    expect((await fetchCatalogue()).headers.get('x-cache')).toBe('miss');
    expect((await fetchCatalogue()).headers.get('x-cache')).toBe('hit');

    // Sign-in is a sensitive field: three attempts from one address, then 429.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
        body: JSON.stringify({
          query: 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
          variables: { input: { mobile: '13900000000', password: 'wrong-password' } },
        }),
      });
      statuses.push(response.status);
    }
    // One sign-in was counted by platform.login above (same address).
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);

    const logout = await platform.query<{ logout: boolean }>('mutation { logout }', { token });
    expect(logout.body.data?.logout).toBe(true);
    const afterLogout = await platform.query('{ me { name } }', { token });
    expect(afterLogout.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
