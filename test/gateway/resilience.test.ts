import { startGateway, RunningGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { CenterName } from '../../platform/centers';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform, UNREACHABLE_CENTER_URL } from '../support/platform';
import { SubgraphProxy, startSubgraphProxy } from './support/subgraphProxy';

/** A failing center costs only its own fields; a hanging one is cut off, then skipped. */
const [zhang] = DEMO_CUSTOMERS;
let platform: TestPlatform;
let product: SubgraphProxy;
let auth: SubgraphProxy;
let gateway: RunningGateway;
let token: string;
const HANG_TIMEOUT_MS = 2_000;

beforeAll(async () => {
  platform = await startTestPlatform();
  token = await platform.login(zhang!.mobile);
  product = await startSubgraphProxy(platform.centers.product!.url);
  auth = await startSubgraphProxy(platform.centers.auth!.url);
  const routed: Partial<Record<CenterName, string>> = { product: product.url, auth: auth.url, marketing: UNREACHABLE_CENTER_URL };
  // Starts although the marketing center is down.
  gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock: platform.clock,
    production: true,
    trustedDocuments: false,
    // Long enough that a healthy center answers in time even on a busy test machine; the hanging
    // one never answers, so its timeout is the only thing measured.
    subgraphTimeoutMs: HANG_TIMEOUT_MS,
    circuitBreaker: { failureThreshold: 2, resetAfterMs: 60_000 },
    subgraphUrl: (center) => routed[center as CenterName] ?? platform.centers[center as CenterName]!.url,
  });
});
afterAll(async () => {
  await gateway.stop();
  await product.close();
  await auth.close();
  await platform.stop();
});

async function query(document: string, variables?: Record<string, unknown>) {
  const started = Date.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, body: (await response.json()) as any, ms: Date.now() - started };
}

test('a center that is down: partial data, a masked error for its fields only', async () => {
  product.mode = 'down';
  const { status, body } = await query('{ me { name } product(id: "00000000-0000-0000-0000-000000000000") { id name } }');
  expect(status).toBe(200);
  expect(body.data).toEqual({ me: { name: zhang!.name }, product: null });
  expect(body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'product' });
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|socket/);
  product.mode = 'pass';
  expect((await query('{ product(id: "00000000-0000-0000-0000-000000000000") { id } }')).body.errors).toBeUndefined();
});

test('the gateway started and serves with the marketing center down', async () => {
  const { body } = await query('{ me { name accounts { id } } }');
  expect(body.data.me.name).toBe(zhang!.name);
  expect((await query('{ campaigns { id } }')).body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
});

test('a hanging center times out, then its circuit opens and calls fail fast', async () => {
  product.mode = 'hang';
  const document = '{ me { name } product(id: "00000000-0000-0000-0000-000000000000") { id name } }';
  const first = await query(document);
  expect(first.body.data.me.name).toBe(zhang!.name);
  expect(first.body.data.product).toBeNull();
  expect(first.body.errors[0].extensions.code).toBe('SUBGRAPH_TIMEOUT');
  expect(first.ms).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS);
  await query(document);

  const before = product.requests.total;
  const third = await query(document);
  expect(third.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
  expect(third.body.data.me.name).toBe(zhang!.name);
  expect(product.requests.total).toBe(before);
  const metrics = await (await fetch(gateway.metricsUrl!)).text();
  expect(metrics).toMatch(/bank_gateway_circuit_state\{[^}]*subgraph="product"[^}]*\} 2/);
  expect(metrics).toMatch(/bank_gateway_subgraph_request_duration_seconds_count\{[^}]*subgraph="product"[^}]*outcome="timeout"[^}]*\} 2/);
});

test('a mutation to a hanging center is sent once, never retried', async () => {
  auth.mode = 'hang';
  const { body } = await query('mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { mobile: zhang!.mobile, password: 'whatever' },
  });
  expect(body.errors[0].extensions.code).toBe('SUBGRAPH_TIMEOUT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(auth.requests.mutations).toBe(1);
});
