/**
 * One transfer through the gateway is one OpenTelemetry trace: the gateway's own spans, its calls
 * to finance, finance's calls to limits, auth and account, and the SQL each center sends, all
 * under one trace id and linked parent to child (W3C trace context between the centers).
 *
 * Tracing starts here before the platform's modules load, as it does in production (instrumentation
 * patches modules as they load), so this file never shares a module registry with another.
 * @ownProcess
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { SERVICE_ATTRIBUTE } from '../../platform/observability/traceContext';
import { startTracing, stopTracing } from '../../platform/observability/tracing';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { transferBetween } from '../money/helpers';

type Span = ReadableSpan;
const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const exporter = new InMemorySpanExporter();
let platform: TestPlatform;
let token: string;

beforeAll(async () => {
  // Started before the harness, which then leaves tracing to this file: every span recorded, in memory.
  startTracing({ serviceName: 'bank-test-platform', exporter });
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  token = await platform.login(zhang.mobile);
});
afterAll(async () => {
  await platform.stop();
  await stopTracing();
});

const service = (span: Span) => span.attributes[SERVICE_ATTRIBUTE];
const isServer = (span: Span) => span.kind === SpanKind.SERVER;

/** `span`, its parent, its parent's parent… as far as the trace's recorded spans go. */
function ancestry(span: Span, byId: Map<string, Span>): Span[] {
  const chain: Span[] = [];
  for (let current: Span | undefined = span; current; current = byId.get(current.parentSpanContext?.spanId ?? '')) chain.push(current);
  return chain;
}

test('a transfer is one trace from the gateway through finance to limits, auth and account', async () => {
  exporter.reset();
  const body = await transferBetween(platform, token, zhang, li, '100.00');
  expect(body.errors).toBeUndefined();
  expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');

  // The gateway's server span ends when its response has been written: wait for it.
  let gateway: Span | undefined;
  for (let attempt = 0; attempt < 50 && !gateway; attempt++) {
    gateway = exporter
      .getFinishedSpans()
      .find((span) => isServer(span) && service(span) === 'gateway' && span.attributes['graphql.operation.name'] === 'Transfer');
    if (!gateway) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(gateway).toBeDefined();
  const traceId = gateway!.spanContext().traceId;
  const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));

  // One root (the harness's own HTTP call), every other span's parent is in the same trace.
  const roots = spans.filter((span) => !byId.has(span.parentSpanContext?.spanId ?? ''));
  expect(roots).toHaveLength(1);
  expect(ancestry(gateway!, byId).at(-1)).toBe(roots[0]);

  // The gateway's own spans (@apollo/gateway's tracer) under its server span.
  const gatewaySpans = spans.filter((span) => span.instrumentationScope.name === 'apollo/gateway-js');
  expect(gatewaySpans.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
  for (const span of gatewaySpans) expect(ancestry(span, byId)).toContain(gateway);

  // A server span per center, each named for its center, finance's under the gateway's, the others under finance's.
  const servers = new Map(spans.filter(isServer).map((span) => [service(span), span]));
  expect([...servers.keys()]).toEqual(
    expect.arrayContaining(['gateway', 'finance-center', 'limits-center', 'auth-center', 'account-center']),
  );
  const finance = servers.get('finance-center')!;
  expect(ancestry(finance, byId)).toContain(gateway);
  for (const center of ['limits-center', 'auth-center', 'account-center']) {
    const chain = ancestry(servers.get(center)!, byId);
    expect(chain).toContain(finance);
    // The hop between them is finance's undici client span, carrying the callee's address.
    const hop = chain[1]!;
    expect(hop.kind).toBe(SpanKind.CLIENT);
    expect(hop.instrumentationScope.name).toBe('@opentelemetry/instrumentation-undici');
  }

  // The SQL of finance and account, as PostgreSQL spans under their own center's server span.
  const sql = spans.filter(
    (span) => span.instrumentationScope.name === '@opentelemetry/instrumentation-pg' && span.kind === SpanKind.CLIENT,
  );
  const sqlCenters = sql.map((span) => service(ancestry(span, byId).find(isServer)!));
  expect(sqlCenters).toEqual(expect.arrayContaining(['finance-center', 'account-center', 'limits-center']));
  expect(
    sql.some((span) => /^(INSERT|UPDATE|SELECT)/.test(String(span.attributes['db.query.text'] ?? span.attributes['db.statement']))),
  ).toBe(true);
});
