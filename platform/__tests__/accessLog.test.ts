import { createServer, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createLogger, Logger } from '../observability/logger';
import { createServerMetrics } from '../observability/metrics';
import { requestRecordPlugin } from '../observability/requestRecordPlugin';
import { createErrorFormatter } from '../http/formatError';
import { createRequestListener, listen } from '../http/server';
import { startTracing, stopTracing } from '../observability/tracing';
import { captureLogs } from '../../test/support/logCapture';

/**
 * The access line is written without field redaction (its fields are fixed), so its shape is pinned
 * here whole — ELK dashboards read it — and the client's free text on it is checked to be scrubbed.
 * Tracing runs as in a process without an endpoint: nothing recorded, ids on the lines.
 */
let logs: ReturnType<typeof captureLogs>;
let log: Logger;
let server: Server;
let apollo: ApolloServer;
let url: string;

beforeAll(async () => {
  startTracing({ serviceName: 'access-test' });
  logs = captureLogs();
  log = createLogger('access-test');
  server = createServer();
  apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'hi' } },
    formatError: createErrorFormatter({ production: false, log }),
    plugins: [requestRecordPlugin()],
  });
  await apollo.start();
  server.on(
    'request',
    createRequestListener({
      apollo,
      context: async () => ({}),
      observe: { log, metrics: createServerMetrics({ service: 'access-test', processMetrics: false }) },
    }),
  );
  url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/graphql`;
});
afterAll(async () => {
  await apollo.stop();
  server.close();
  logs.stop();
  await stopTracing();
});

const lines = () => logs.lines() as Record<string, any>[];

async function post(query: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  await response.text();
  await new Promise((resolve) => setImmediate(resolve));
}

test('the access line keeps every field, stamped with the request trace', async () => {
  await post('query Greeting { hello }', {
    traceparent: `00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-00f067aa0ba902b7-01`,
    'apollographql-client-name': 'bank-app-ios',
    'apollographql-client-version': '6.1.0',
    'x-channel': 'mobile_app',
  });
  const line = lines().find((entry) => entry.message === 'graphql request' && entry.trace?.id === '4bf92f3577b34da6a3ce929d0e0e4736')!;
  const { '@timestamp': timestamp, ...fields } = line;
  expect(typeof timestamp).toBe('string');
  expect(fields).toEqual({
    'log.level': 'info',
    'ecs.version': expect.any(String),
    service: { name: 'access-test' },
    trace: { id: '4bf92f3577b34da6a3ce929d0e0e4736' },
    span: { id: expect.stringMatching(/^[0-9a-f]{16}$/) },
    event: { kind: 'event', category: ['web'], duration: expect.any(Number) },
    http: { request: { method: 'POST' }, response: { status_code: 200 } },
    url: { path: '/graphql' },
    graphql: { operation: { name: 'Greeting', type: 'query' } },
    labels: { channel: 'MOBILE_APP', client_name: 'bank-app-ios', client_version: '6.1.0' },
    message: 'graphql request',
  });
  expect(fields.event.duration).toBeGreaterThan(0);
  // This process's own span under the caller's.
  expect(fields.span.id).not.toBe('00f067aa0ba902b7');
});

test('error codes reach the access line', async () => {
  await post('query Broken { nothing }', { traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01` });
  const line = lines().find((entry) => entry.message === 'graphql request' && entry.trace?.id === 'c'.repeat(32))!;
  expect(line.error).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  expect(line.http.response.status_code).toBe(400);
});

test('client-chosen text on the access line is scrubbed of numbers and tokens', async () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
  await post('query Lookup13800000001 { hello }', {
    traceparent: `00-${'e'.repeat(32)}-${'f'.repeat(16)}-01`,
    'apollographql-client-name': jwt,
    'apollographql-client-version': '6222020200112233445',
  });
  const line = lines().find((entry) => entry.message === 'graphql request' && entry.trace?.id === 'e'.repeat(32))!;
  expect(line.graphql.operation.name).toBe('Lookup138****0001');
  expect(line.labels).toMatchObject({ client_name: '[REDACTED-TOKEN]', client_version: '622****3445' });
  expect(JSON.stringify(line)).not.toMatch(/13800000001|6222020200112233445|c2lnbmF0dXJl/);
});

test('every other line of the same logger is still redacted by field', () => {
  log.info(
    { authorization: 'Bearer abc', input: { password: 'Secret#1', variables: { idNumber: '1' } } },
    'after the access logger was made',
  );
  const line = lines().find((entry) => entry.message === 'after the access logger was made')!;
  expect(line).toMatchObject({ authorization: '[REDACTED]', input: { password: '[REDACTED]', variables: '[REDACTED]' } });
});

test('an overlong operation name is cut on the access line', async () => {
  const name = `Q${'x'.repeat(300)}`;
  await post(`query ${name} { hello }`, { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` });
  const line = lines().find((entry) => entry.message === 'graphql request' && entry.trace?.id === 'a'.repeat(32))!;
  expect(line.graphql.operation.name).toBe(name.slice(0, 128));
});
