import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { createLogger } from '../../platform/observability/logger';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { captureLogs } from '../support/logCapture';

/** Logs carry the trace through every center and never a secret; /metrics and /health show the rest. */
const [zhang] = DEMO_CUSTOMERS;
let platform: TestPlatform;
let logs: ReturnType<typeof captureLogs>;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(async () => {
  logs = captureLogs();
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'] });
});
afterAll(async () => {
  await platform.stop();
  logs.stop();
});

const base = () => platform.gateway.url.replace('/graphql', '');

test('one trace id from the client through the gateway into every center it calls, and no secrets anywhere', async () => {
  const token = await platform.login(zhang!.mobile);
  const { body } = await platform.query<{ me: { name: string; accounts: unknown[] } }>('query MyAccounts { me { name accounts { id } } }', {
    token,
    headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'apollographql-client-version': '6.1.0' },
  });
  expect(body.errors).toBeUndefined();
  expect(body.data?.me.accounts.length).toBeGreaterThan(0);

  const traced = logs.lines().filter((line) => (line.trace as { id?: string } | undefined)?.id === traceId);
  const services = new Set(traced.map((line) => (line.service as { name: string }).name));
  expect(services).toEqual(new Set(['gateway', 'user-center', 'account-center']));
  const access = traced.find(
    (line) => (line.service as { name: string }).name === 'gateway' && line.message === 'graphql request',
  ) as Record<string, any>;
  expect(access).toMatchObject({
    'log.level': 'info',
    'ecs.version': expect.any(String),
    graphql: { operation: { name: 'MyAccounts', type: 'query' } },
    labels: { channel: 'MOBILE_APP', client_version: '6.1.0' },
    http: { response: { status_code: 200 } },
  });
  expect(access.event.duration).toBeGreaterThan(0);

  const text = logs.raw();
  // Request-time lines only for the password: the auth center's development start-up banner names the demo password on purpose.
  expect(JSON.stringify(logs.lines().filter((line) => line.trace))).not.toContain(DEMO_PASSWORD);
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[2]);
  expect(text).not.toContain(zhang!.mobile);
  expect(text).not.toContain(zhang!.idNumber);
});

test('error codes reach the access log line', async () => {
  await platform.query('query Spy { me { name } }', { headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } });
  const line = logs
    .lines()
    .find((entry) => (entry.trace as { id?: string } | undefined)?.id === 'a'.repeat(32) && entry.message === 'graphql request') as Record<
    string,
    any
  >;
  expect(line.error.code).toContain('UNAUTHENTICATED');
});

test('a log call with secrets in it is censored', async () => {
  const log = createLogger('redaction-test');
  log.info(
    { input: { password: 'Secret#1', idNumber: '330702199003150012' }, authorization: 'Bearer abc' },
    'card 6222020200112233445 for 13800000001',
  );
  const line = logs.lines().find((entry) => (entry.service as { name: string }).name === 'redaction-test')!;
  const text = JSON.stringify(line);
  expect(text).not.toMatch(/Secret#1|330702199003150012|Bearer abc|6222020200112233445|13800000001/);
  expect(text).toContain('[REDACTED]');
});

test('/metrics on the gateway and on every center, on their internal metrics ports', async () => {
  const token = await platform.login(zhang!.mobile);
  await platform.query('query MyAccounts { me { name accounts { id } } }', { token });
  const gateway = await (await fetch(platform.gateway.metricsUrl!)).text();
  expect(gateway).toMatch(/bank_graphql_requests_total\{[^}]*operation="MyAccounts"[^}]*channel="MOBILE_APP"[^}]*status="200"[^}]*\} \d+/);
  expect(gateway).toMatch(/bank_graphql_request_duration_seconds_bucket\{[^}]*operation="MyAccounts"/);
  expect(gateway).toMatch(/bank_gateway_subgraph_request_duration_seconds_count\{[^}]*subgraph="account"[^}]*outcome="ok"/);
  expect(gateway).toMatch(/bank_graphql_errors_total\{[^}]*code="UNAUTHENTICATED"/);
  expect(gateway).toMatch(/bank_gateway_circuit_state\{[^}]*subgraph="account"[^}]*\} 0/);
  expect(gateway).toContain('process_resident_memory_bytes');
  for (const center of Object.values(platform.centers)) {
    const text = await (await fetch(center!.metricsUrl!)).text();
    expect(text).toContain('bank_graphql_requests_total');
  }
});

test('health probes', async () => {
  expect((await fetch(`${base()}/health/live`)).status).toBe(200);
  expect((await fetch(`${base()}/health/ready`)).status).toBe(200);
  const account = platform.centers.account!;
  expect((await fetch(account.url.replace('/graphql', '/health/ready'))).status).toBe(200);
});
