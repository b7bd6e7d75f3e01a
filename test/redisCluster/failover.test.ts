/**
 * @longRunning
 * One master of the Redis Cluster dies (SIGKILL) under a running gateway and auth center. While its
 * slots have no server, rate limits are counted in process and requests are still served, and a
 * revocation check that cannot be answered refuses (SERVICE_UNAVAILABLE) instead of allowing; once the
 * replica has been promoted everything is shared in Redis again. The first failover is held (the
 * replica paused) so that "during the failover" is a state the test controls, not a race; the second
 * is Redis's own, under steady traffic, and its duration and the answers seen meanwhile are printed.
 */
import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import pino from 'pino';
import { createRateLimiter, PRODUCTION_RATE_LIMITS } from '../../gateway/plugins/rateLimit';
import { connectRedis, parseClusterNodes } from '../../platform/redis/connection';
import type { RedisRevocationStore } from '../../platform/redis/sessionRevocation';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { eventually, RevocationProbe, revocationProbe, untilLive } from '../support/revocationProbe';

const log = pino({ level: 'silent' });
const REVOKED_SET = 'bank:revoked-sessions';
const [zhang] = DEMO_CUSTOMERS;
let cluster: TestRedisCluster;
let platform: TestPlatform;
const connections: Cluster[] = [];
const stores: RedisRevocationStore[] = [];

async function connect(): Promise<Cluster> {
  const redis = connectRedis({ kind: 'cluster', nodes: parseClusterNodes(cluster.nodesSetting) }, log, 'test') as Cluster;
  redis.on('node error', () => undefined);
  connections.push(redis);
  await eventually(async () => redis.status === 'ready', 10_000);
  return redis;
}

/** The port of the master that serves `key`. */
async function masterOfKey(redis: Cluster, key: string): Promise<number> {
  return cluster.masterPortOf(Number(await redis.cluster('KEYSLOT', key)));
}

/** Random ids until `wanted` of them have their key on (or off) the master on `port`. */
async function idsOn(redis: Cluster, port: number, keyOf: (id: string) => string, on: boolean, wanted = 1): Promise<string[]> {
  const found: string[] = [];
  while (found.length < wanted) {
    const id = randomUUID();
    if (((await masterOfKey(redis, keyOf(id))) === port) === on) found.push(id);
  }
  return found;
}

const sessionKey = (sessionId: string) => `bank:revoked-session:${sessionId}`;
const sessionOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

async function ask(query: string, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(platform.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, body };
}

beforeAll(async () => {
  cluster = await startRedisCluster();
  process.env.REDIS_CLUSTER_NODES = cluster.nodesSetting;
  platform = await startTestPlatform({
    centers: ['auth', 'user', 'product'],
    gateway: { responseCache: true, responseCacheKeyPrefix: `test:rc:${randomUUID()}`, rateLimitKeyPrefix: `test:rl:${randomUUID()}` },
  });
});
afterAll(async () => {
  await platform?.stop();
  delete process.env.REDIS_CLUSTER_NODES;
  await Promise.all(stores.map((store) => store.close()));
  connections.forEach((connection) => connection.disconnect());
  await cluster?.stop();
});

test('while a master fails over rate limits count in process, revocation fails closed, and afterwards all is shared again', async () => {
  const redis = await connect();
  // The master of the revocation set: its loss also takes the gateways' live views down to lookups.
  const doomed = await masterOfKey(redis, REVOKED_SET);
  const replica = await cluster.replicaPortOf(doomed);

  // A signed-in customer whose session's key is on the doomed master, and one whose key is elsewhere.
  const tokens: { there?: string; elsewhere?: string } = {};
  while (!tokens.there || !tokens.elsewhere) {
    const token = await platform.login(zhang!.mobile);
    tokens[(await masterOfKey(redis, sessionKey(sessionOf(token)))) === doomed ? 'there' : 'elsewhere'] ??= token;
  }
  const writer = revocationProbe(await connect());
  const reader: RevocationProbe = revocationProbe(await connect());
  stores.push(writer.revocations, reader.revocations);
  const [revokedThere] = await idsOn(redis, doomed, sessionKey, true);
  const [revokedElsewhere, unknownElsewhere] = await idsOn(redis, doomed, sessionKey, false, 2);
  const [unknownThere] = await idsOn(redis, doomed, sessionKey, true);
  await writer.revocations.revoke(revokedThere!);
  await writer.revocations.revoke(revokedElsewhere!);
  await reader.revocations.isRevoked(randomUUID());
  await untilLive(reader, 5_000);

  const keyPrefix = `test:rlc:${randomUUID()}`;
  const limiter = createRateLimiter({
    policy: { ...PRODUCTION_RATE_LIMITS, sensitive: { points: 1, durationSeconds: 60 } },
    redis,
    keyPrefix,
    log,
  });
  const owner = (caller: string) => `address:${caller}`;
  const callerKey = (caller: string) => `${keyPrefix}:{${owner(caller)}}:sensitive:${caller}:login`;
  const [callerThere] = await idsOn(redis, doomed, callerKey, true);
  const [callerElsewhere] = await idsOn(redis, doomed, callerKey, false);

  expect((await ask('{ me { name } }', tokens.there)).status).toBe(200);

  // The master dies; its replica is held, so its slots stay without a server until it is resumed.
  cluster.pause(replica);
  const killedAt = Date.now();
  cluster.kill(doomed);
  try {
    // Rate limits: no error, the request is decided, and the limit still holds, counted in this process.
    expect(await limiter.consume('sensitive', `${callerThere}:login`, owner(callerThere!))).toEqual({ allowed: true });
    expect(await limiter.consume('sensitive', `${callerThere}:login`, owner(callerThere!))).toMatchObject({ allowed: false });
    // Requests through the gateway are still served.
    const catalogue = await ask('{ products { edges { node { id } } } }');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.errors).toBeUndefined();
    expect((await ask('{ me { name } }', tokens.elsewhere)).status).toBe(200);

    // Revocation: the live view lost its subscription, so every check is a lookup, and a lookup that
    // cannot be answered refuses rather than allows.
    await eventually(async () => {
      const before = reader.lookups.mock.calls.length;
      await reader.revocations.isRevoked(unknownElsewhere!);
      return reader.lookups.mock.calls.length > before;
    }, 10_000);
    await expect(reader.revocations.isRevoked(unknownThere!)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    await expect(reader.revocations.isRevoked(revokedThere!)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(await reader.revocations.isRevoked(revokedElsewhere!)).toBe(true);
    expect(await reader.revocations.isRevoked(unknownElsewhere!)).toBe(false);
    const refused = await ask('{ me { name } }', tokens.there);
    expect(refused).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(refused.body.data ?? null).toBeNull();
  } finally {
    cluster.resume(replica);
  }
  const resumedAt = Date.now();
  const healthyAfterMs = await cluster.untilHealthy();
  console.log(
    `held failover: master killed ${resumedAt - killedAt} ms before its replica was resumed; ` +
      `the replica served its slots ${healthyAfterMs} ms after resuming`,
  );

  // After the promotion: the view is live again, the customer is served, a revocation reaches the view
  // and every gateway refuses the token, and the caller's counter is shared in Redis again.
  await untilLive(reader, 15_000);
  await eventually(async () => (await ask('{ me { name } }', tokens.there)).status === 200, 15_000);
  expect(await reader.revocations.isRevoked(revokedThere!)).toBe(true);
  expect(await reader.revocations.isRevoked(unknownThere!)).toBe(false);
  await eventually(async () => (await limiter.consume('sensitive', `${callerElsewhere}:login`, owner(callerElsewhere!))).allowed, 5_000);
  await eventually(async () => (await redis.exists(callerKey(callerElsewhere!))) === 1, 5_000);
  const logout = await platform.query<{ logout: boolean }>('mutation { logout }', { token: tokens.there });
  expect(logout.body.data?.logout).toBe(true);
  expect((await ask('{ me { name } }', tokens.there)).code).toBe('UNAUTHENTICATED');
});

test("Redis's own failover under steady traffic: served, refused, and how long it takes", async () => {
  const redis = await connect();
  const token = await platform.login(zhang!.mobile);
  // A master that still has a replica (the first test's promoted one has none): the one serving the
  // session's key if it has, so that the signed-in reads depend on it.
  const nodes = await cluster.topology();
  const withReplica = nodes.filter(
    (node) => node.role === 'master' && !node.failed && nodes.some((other) => other.masterId === node.id && !other.failed),
  );
  const sessionMaster = await masterOfKey(redis, sessionKey(sessionOf(token)));
  const doomed = withReplica.find((node) => node.port === sessionMaster)?.port ?? withReplica[0]!.port;
  const replica = await cluster.replicaPortOf(doomed);
  const outcomes = new Map<string, number>();
  let slowestMs = 0;
  let running = true;
  /** One client: a catalogue read and a signed-in read, again and again. */
  async function client(): Promise<void> {
    while (running) {
      for (const [kind, query, caller] of [
        ['catalogue', '{ products { edges { node { id } } } }', undefined],
        ['signed-in', '{ me { name } }', token],
      ] as const) {
        const started = Date.now();
        const answer = await ask(query, caller);
        slowestMs = Math.max(slowestMs, Date.now() - started);
        const outcome = `${kind} ${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
  }
  const clients = Array.from({ length: 4 }, () => client());
  await new Promise((resolve) => setTimeout(resolve, 500));
  cluster.kill(doomed);
  const promotedAfterMs = await cluster.untilPromoted(replica);
  await cluster.untilHealthy();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  running = false;
  await Promise.all(clients);
  console.log(
    `automatic failover: replica promoted ${promotedAfterMs} ms after the kill (cluster-node-timeout 1000 ms); ` +
      `slowest answer ${slowestMs} ms; answers: ${JSON.stringify(Object.fromEntries(outcomes))}`,
  );

  // Nothing failed but what fails closed: every answer is a 200 or a revocation check refused with 503.
  for (const outcome of outcomes.keys()) expect(['catalogue 200', 'signed-in 200', 'signed-in 503 SERVICE_UNAVAILABLE']).toContain(outcome);
  expect(outcomes.get('catalogue 200')).toBeGreaterThan(0);
  expect((await ask('{ me { name } }', token)).status).toBe(200);
});
