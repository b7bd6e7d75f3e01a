import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startGateway, RunningGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { CenterName } from '../../platform/centers';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { testRedisUrl } from '../support/redis';

/**
 * The catalogue response cache: public catalogue queries answered from Redis without calling the
 * product center, one entry per channel, shared by two gateways on one Redis; customer data never.
 */
const REDIS_URL = testRedisUrl();
const prefix = `test:rc:${randomUUID()}`;
const [zhang] = DEMO_CUSTOMERS;
let platform: TestPlatform;
let second: RunningGateway;
let token: string;

beforeAll(async () => {
  const cache = { responseCache: true, responseCacheKeyPrefix: prefix, redisUrl: REDIS_URL };
  platform = await startTestPlatform({ gateway: cache });
  second = await startGateway({
    ...cache,
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock: platform.clock,
    production: false,
    trustedDocuments: false,
    subgraphUrl: (center) => platform.centers[center as CenterName]!.url,
  });
  token = await platform.login(zhang!.mobile);
});
afterAll(async () => {
  await second.stop();
  await platform.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const productStatements = () => platform.centers.product!.statements.count;

async function post(url: string, query: string, options: { channel?: string; token?: string; variables?: Record<string, unknown> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-channel': options.channel ?? 'MOBILE_APP' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
  return {
    cache: response.headers.get('x-cache'),
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as any,
  };
}

const CATALOGUE = `query Catalogue($kind: ProductKind) {
  products(filter: { kind: $kind }) { edges { node { id code name rate minAmount { amount currency } saleWindow { open } } } pageInfo { hasNextPage } }
}`;

test('a catalogue query is answered from the cache the second time: the product center is not called', async () => {
  const first = await post(platform.gateway.url, CATALOGUE, { variables: { kind: 'WEALTH' } });
  expect(first.body.errors).toBeUndefined();
  expect(first.cache).toBe('miss');
  // The product center's cache hint reached the gateway's answer.
  expect(first.cacheControl).toBe('max-age=60, public');
  expect(first.body.data.products.edges.length).toBeGreaterThan(0);

  const statements = productStatements();
  const again = await post(platform.gateway.url, CATALOGUE, { variables: { kind: 'WEALTH' } });
  expect(again.cache).toBe('hit');
  expect(again.body).toEqual(first.body);
  expect(productStatements()).toBe(statements);

  // Other variables are another entry.
  const loans = await post(platform.gateway.url, CATALOGUE, { variables: { kind: 'LOAN' } });
  expect(loans.cache).toBe('miss');
  expect(productStatements()).toBeGreaterThan(statements);
  expect(loans.body.data).not.toEqual(first.body.data);
});

test("each channel has its own entry: products without a channel filter are what the caller's channel sells", async () => {
  const codes = (body: any) => body.data.products.edges.map((edge: any) => edge.node.code);
  const app = await post(platform.gateway.url, CATALOGUE, { channel: 'WEB' });
  const mini = await post(platform.gateway.url, CATALOGUE, { channel: 'WECHAT_MINI' });
  expect(app.cache).toBe('miss');
  expect(mini.cache).toBe('miss');
  // Deposits are not sold on the mini-programs: the answers really differ.
  expect(codes(mini.body)).not.toEqual(codes(app.body));
  const [appAgain, miniAgain] = [
    await post(platform.gateway.url, CATALOGUE, { channel: 'WEB' }),
    await post(platform.gateway.url, CATALOGUE, { channel: 'WECHAT_MINI' }),
  ];
  expect([appAgain.cache, miniAgain.cache]).toEqual(['hit', 'hit']);
  expect(codes(appAgain.body)).toEqual(codes(app.body));
  expect(codes(miniAgain.body)).toEqual(codes(mini.body));
});

test('a query touching customer data is never cached, even with catalogue fields in it', async () => {
  const documents = [
    '{ me { name } products { edges { node { id } } } }',
    '{ me { recommendedProducts { product { id name } } } }',
    '{ me { accounts { id balance { amount } } } }',
  ];
  for (const document of documents) {
    const first = await post(platform.gateway.url, document, { token });
    expect(first.body.errors).toBeUndefined();
    const before = platform.statementCount();
    const again = await post(platform.gateway.url, document, { token });
    expect(again.cache).toBeNull();
    expect(again.cacheControl).not.toMatch(/public/);
    expect(platform.statementCount()).toBeGreaterThan(before);
  }
  const redis = new Redis(REDIS_URL);
  try {
    // Every stored entry is a catalogue answer: none holds the customer's name.
    const keys = (await redis.keys(`${prefix}:*`)).filter((key) => !key.endsWith(':generation'));
    const values = await Promise.all(keys.map((key) => redis.get(key)));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).not.toContain(zhang!.name);
  } finally {
    redis.disconnect();
  }
});

test('two gateways on one Redis share entries, and an invalidation on one clears both', async () => {
  const document = '{ product(id: "d0a80001-0000-4000-8000-000000000101") { id name history(days: 5) { day value } } }';
  const first = await post(platform.gateway.url, document);
  expect(first.cache).toBe('miss');
  expect(first.body.data.product.history).toHaveLength(5);
  const statements = productStatements();
  const fromSecond = await post(second.url, document);
  expect(fromSecond.cache).toBe('hit');
  expect(fromSecond.body).toEqual(first.body);
  expect(productStatements()).toBe(statements);

  await second.invalidateResponseCache();
  const afterInvalidation = await post(platform.gateway.url, document);
  expect(afterInvalidation.cache).toBe('miss');
  expect(productStatements()).toBeGreaterThan(statements);
  expect((await post(second.url, document)).cache).toBe('hit');
});

test('the cache shows in /metrics', async () => {
  const metrics = await (await fetch(platform.gateway.metricsUrl!)).text();
  expect(metrics).toMatch(/bank_gateway_response_cache_total\{[^}]*outcome="hit"[^}]*\} [1-9]/);
  expect(metrics).toMatch(/bank_gateway_response_cache_total\{[^}]*outcome="stored"[^}]*\} [1-9]/);
});
