import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { startGateway, RunningGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { clientAddress, parseTrustedProxies } from '../../gateway/frontDoor';
import { PRODUCTION_RATE_LIMITS } from '../../gateway/plugins/rateLimit';
import { CenterName } from '../../platform/centers';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { testRedisUrl } from '../support/redis';

/**
 * Limits counted in Redis are shared by every gateway process: two gateways on one Redis, one
 * budget.
 */
const REDIS_URL = testRedisUrl();
const prefix = `test:rl:${randomUUID()}`;
/** Long enough that three sign-in attempts fit in one window however busy the machine is. */
const WINDOW_SECONDS = 5;
const policy = {
  sensitive: { points: 3, durationSeconds: WINDOW_SECONDS },
  address: { points: 1_000, durationSeconds: 60 },
};
let platform: TestPlatform;
let second: RunningGateway;

beforeAll(async () => {
  platform = await startTestPlatform({ gateway: { rateLimit: policy, rateLimitKeyPrefix: prefix, redisUrl: REDIS_URL } });
  second = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock: platform.clock,
    production: false,
    subgraphUrl: (center) => platform.centers[center as CenterName]!.url,
    rateLimit: policy,
    rateLimitKeyPrefix: prefix,
    redisUrl: REDIS_URL,
  });
});
afterAll(async () => {
  await second.stop();
  await platform.stop();
});

const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';
async function attempt(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP', ...headers },
    body: JSON.stringify({ query: LOGIN, variables: { input: { mobile: '13900000000', password: 'wrong-password' } } }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

test('sign-in attempts are limited across both gateways, then recover', async () => {
  const results = [];
  for (let index = 0; index < 5; index++) results.push(await attempt(index % 2 === 0 ? platform.gateway.url : second.url));
  expect(results.map((result) => result.status)).toEqual([200, 200, 200, 429, 429]);
  const refused = results[3]!;
  expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

  const metrics = await (await fetch(second.metricsUrl!)).text();
  expect(metrics).toMatch(/bank_gateway_rate_limited_total\{[^}]*bucket="sensitive"[^}]*\} [1-9]/);

  await new Promise((resolve) => setTimeout(resolve, Number(refused.retryAfter) * 1000 + 200));
  expect((await attempt(second.url)).status).toBe(200);
});

test('a spoofed X-Forwarded-For from an untrusted peer does not buy a new budget', async () => {
  await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 200));
  const statuses = [];
  for (let index = 0; index < 4; index++)
    statuses.push((await attempt(platform.gateway.url, { 'x-forwarded-for': `203.0.113.${index}` })).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
});

test('the production policy stops a sign-in flood from one address after 10 attempts', async () => {
  const flood = await startTestPlatform({
    gateway: { rateLimit: PRODUCTION_RATE_LIMITS, rateLimitKeyPrefix: `test:rl:${randomUUID()}`, redisUrl: REDIS_URL },
  });
  try {
    const statuses: number[] = [];
    for (let index = 0; index < 15; index++) statuses.push((await attempt(flood.gateway.url)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
  } finally {
    await flood.stop();
  }
});

describe('client address', () => {
  const request = (peer: string, forwarded?: string) => {
    const socket = new Socket();
    Object.defineProperty(socket, 'remoteAddress', { value: peer });
    return { socket, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} } as unknown as IncomingMessage;
  };
  const proxies = parseTrustedProxies('10.0.0.1,10.0.0.2');

  test('a direct client is its peer address, whatever it claims', () => {
    expect(clientAddress(request('198.51.100.7', '1.2.3.4'), proxies)).toBe('198.51.100.7');
  });
  test('behind trusted proxies, the right-most untrusted hop', () => {
    expect(clientAddress(request('10.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.2'), proxies)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:10.0.0.1', '198.51.100.9'), proxies)).toBe('198.51.100.9');
  });
  test("a trusted range: every pod of the ingress controller's network, wherever it is rescheduled", () => {
    const podNetwork = parseTrustedProxies('10.42.0.0/16,fd00:42::/64');
    expect(clientAddress(request('10.42.7.19', '198.51.100.7'), podNetwork)).toBe('198.51.100.7');
    expect(clientAddress(request('fd00:42::19', '198.51.100.8'), podNetwork)).toBe('198.51.100.8');
    expect(clientAddress(request('10.43.0.1', '198.51.100.7'), podNetwork)).toBe('10.43.0.1');
    expect(clientAddress(request('10.42.0.5', '1.2.3.4, 10.42.9.9'), podNetwork)).toBe('1.2.3.4');
  });
});
