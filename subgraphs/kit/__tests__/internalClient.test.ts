import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../platform/clock';
import { INTERNAL_IDENTITY_HEADER, verifyInternalCredential } from '../../../platform/identity/identity';
import { generatedKeyEnvironment } from '../../../platform/identity/internalKeys';
import { closeInternalClientPools, createInternalClient } from '../internalClient';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { startTracing, stopTracing } from '../../../platform/observability/tracing';

// This process holds every center's key, as a test run does.
Object.assign(process.env, generatedKeyEnvironment());

/** A stand-in callee on a real local port; each test says how it answers. */
interface Received {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: Record<string, unknown> };
}
let answer: (response: ServerResponse) => void;
const received: Received[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await closeInternalClientPools();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  answer = json(200, { data: { ok: true } });
});

// Each test starts on fresh pools: a kept-alive socket that an earlier test's server side closed could
// otherwise still be picked up before the client has read its FIN, and fail a POST that is never retried.
afterEach(async () => {
  server.closeAllConnections();
  await closeInternalClientPools();
});

function json(status: number, body: unknown) {
  return (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

const unavailable = { message: 'account center unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'account' } };
const DOCUMENT = parse('query AccountById($id: ID!) { account(id: $id) { id } }') as TypedDocumentNode<unknown, { id: string }>;
const call = { actingFor: 'customer-1', scopes: ['account:accounts:lookup'] };

function client(options: { timeoutMs?: number; url?: string } = {}) {
  return createInternalClient({ caller: 'finance', target: 'account', url, clock: new ManualClock(), ...options });
}

test('posts the document and variables with a service credential and returns the data', async () => {
  answer = json(200, { data: { account: { id: 'a1' } } });
  const clock = new ManualClock();
  const account = createInternalClient({ caller: 'finance', target: 'account', url, clock });
  await expect(account.request(DOCUMENT, { id: 'a1' }, call)).resolves.toEqual({ account: { id: 'a1' } });
  expect(received).toHaveLength(1);
  const [request] = received;
  // Named, so the callee's access log and metrics say what was asked.
  expect(request!.body).toEqual({ query: print(DOCUMENT), operationName: 'AccountById', variables: { id: 'a1' } });
  expect(request!.headers['content-type']).toBe('application/json');
  expect(request!.headers.traceparent).toBeUndefined();
  await expect(
    verifyInternalCredential(request!.headers[INTERNAL_IDENTITY_HEADER] as string, { audience: 'account', clock }),
  ).resolves.toEqual({
    kind: 'service',
    service: 'finance',
    actingFor: 'customer-1',
    scopes: ['account:accounts:lookup'],
  });
});

test('an anonymous document is refused before anything is sent', async () => {
  const anonymous = parse('query($id: ID!) { account(id: $id) { id } }') as TypedDocumentNode<unknown, { id: string }>;
  await expect(client().request(anonymous, { id: 'a1' }, call)).rejects.toThrow('an internal call needs a named operation');
  expect(received).toHaveLength(0);
});

test('calls to one center within five seconds carry the same credential; another center or customer gets another', async () => {
  const clock = new ManualClock();
  const account = createInternalClient({ caller: 'finance', target: 'account', url, clock });
  // Another client of the same process for the same target shares the credential; one for another
  // target cannot (each credential names its callee).
  const accountAgain = createInternalClient({ caller: 'finance', target: 'account', url, clock });
  const limits = createInternalClient({ caller: 'finance', target: 'limits', url, clock });
  await account.request(DOCUMENT, { id: 'a1' }, call);
  clock.advance(4_000);
  await accountAgain.request(DOCUMENT, { id: 'a1' }, call);
  await account.request(DOCUMENT, { id: 'a1' }, { ...call, actingFor: 'customer-2' });
  clock.advance(2_000);
  await account.request(DOCUMENT, { id: 'a1' }, call);
  await limits.request(DOCUMENT, { id: 'a1' }, call);
  const credentials = received.map((request) => request.headers[INTERNAL_IDENTITY_HEADER]);
  expect(credentials[1]).toBe(credentials[0]);
  expect(credentials[2]).not.toBe(credentials[0]);
  expect(credentials[4]).not.toBe(credentials[3]);
  expect(credentials[3]).not.toBe(credentials[0]);
});

test('inside a traced request, the call continues its trace with a span of its own', async () => {
  startTracing({ serviceName: 'internal-client-test' });
  try {
    const caller = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    await context.with(trace.setSpan(context.active(), caller), () => client().request(DOCUMENT, { id: 'a1' }, call));
  } finally {
    await stopTracing();
  }
  // Without an endpoint nothing is recorded (flags 00), but the trace and a new span id travel on.
  const traceparent = received[0]!.headers.traceparent as string;
  expect(traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
  expect(traceparent.split('-')[2]).not.toBe('b7ad6b7169203331');
});

test('a business refusal of the callee keeps its code', async () => {
  answer = json(200, { data: null, errors: [{ message: '无权访问该资源', extensions: { code: 'FORBIDDEN' } }] });
  await expect(client().request(DOCUMENT, { id: 'a1' }, call)).rejects.toMatchObject({
    message: '无权访问该资源',
    extensions: { code: 'FORBIDDEN', service: 'account' },
  });
  // A whole-request refusal (non-2xx with a coded error) too.
  answer = json(401, { errors: [{ message: '内部身份凭证无效', extensions: { code: 'UNAUTHENTICATED' } }] });
  await expect(client().request(DOCUMENT, { id: 'a1' }, call)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
});

test('a server error, an answer without data or a body that is not JSON is an outage', async () => {
  for (const respond of [
    json(500, { data: { account: { id: 'a1' } } }),
    json(503, 'busy'),
    json(200, { data: null }),
    json(200, {}),
    json(200, null),
    (response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>bad gateway</html>');
    },
  ]) {
    answer = respond;
    await expect(client().request(DOCUMENT, { id: 'a1' }, call)).rejects.toMatchObject(unavailable);
  }
  expect(received).toHaveLength(6);
});

test('a refused connection is an outage', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(client({ url: `http://127.0.0.1:${port}/graphql` }).request(DOCUMENT, { id: 'a1' }, call)).rejects.toMatchObject(
    unavailable,
  );
});

test('a callee that stalls, before or after its headers, is an outage after timeoutMs', async () => {
  const stalls = [
    () => undefined,
    (response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
    },
  ];
  for (const stall of stalls) {
    answer = stall;
    const startedAt = Date.now();
    await expect(client({ timeoutMs: 200 }).request(DOCUMENT, { id: 'a1' }, call)).rejects.toMatchObject(unavailable);
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    // Ended by this call's budget, not by the 5 s default (however busy the machine).
    expect(elapsed).toBeLessThan(5_000);
  }
});

test('closing the pools at shutdown leaves later calls working on a new pool', async () => {
  await client().request(DOCUMENT, { id: 'a1' }, call);
  await closeInternalClientPools();
  await expect(client().request(DOCUMENT, { id: 'a1' }, call)).resolves.toEqual({ ok: true });
});
