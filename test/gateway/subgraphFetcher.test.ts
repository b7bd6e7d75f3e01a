/**
 * The gateway's HTTP client to one subgraph, against a real local server: keep-alive reuse,
 * the whole-call timeout (also a body that stalls after its headers), the circuit breaker's view
 * of 5xx answers, and the fetch semantics Apollo's data source relies on.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { CircuitBreaker } from '../../gateway/upstream/circuitBreaker';
import { createSubgraphFetcher } from '../../gateway/upstream/subgraphFetcher';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let url: string;
let handler: Handler;
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = createServer((request, response) => {
    sockets.add(request.socket);
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => handler(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => sockets.clear());

const json = (status: number, value: unknown) => (_request: IncomingMessage, _body: string, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json', 'x-center': 'account' });
  response.end(JSON.stringify(value));
};

function fetcherWith(breaker = new CircuitBreaker({ failureThreshold: 2 }), timeoutMs = 1_000) {
  return { breaker, fetch: createSubgraphFetcher({ subgraph: 'account', timeoutMs, breaker }) };
}

test('posts the body and headers as given and answers with status, headers and a once-readable body', async () => {
  let seen: { method?: string; header?: string; body?: string } = {};
  handler = (request, body, response) => {
    seen = { method: request.method, header: String(request.headers['x-internal-identity']), body };
    json(200, { data: { me: { id: 'u1' } } })(request, body, response);
  };
  const { fetch } = fetcherWith();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-identity': 'token' },
      body: '{"query":"{me{id}}"}',
    });
    expect(seen).toEqual({ method: 'POST', header: 'token', body: '{"query":"{me{id}}"}' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-center')).toBe('account');
    expect(response.headers.get('Content-Type')).toBe('application/json');
    const copy = response.clone();
    expect(await response.json()).toEqual({ data: { me: { id: 'u1' } } });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow('already been read');
    expect(await copy.text()).toBe('{"data":{"me":{"id":"u1"}}}');
  } finally {
    await fetch.close();
  }
});

test('sequential calls reuse kept-alive connections instead of opening one each', async () => {
  handler = json(200, { data: {} });
  const { fetch } = fetcherWith();
  try {
    for (let call = 0; call < 10; call += 1) await (await fetch(url, { method: 'POST', body: '{}' })).text();
    // The pool may open a second connection while the first is still finishing its previous exchange; never more.
    expect(sockets.size).toBeLessThanOrEqual(2);
  } finally {
    await fetch.close();
  }
});

test('a 5xx answer reaches the caller as an answer and counts against the circuit; two open it', async () => {
  handler = json(503, { errors: [{ message: 'down' }] });
  const { fetch, breaker } = fetcherWith();
  try {
    const first = await fetch(url, { method: 'POST', body: '{}' });
    expect(first.status).toBe(503);
    expect(first.ok).toBe(false);
    expect(breaker.current).toBe('closed');
    await fetch(url, { method: 'POST', body: '{}' });
    expect(breaker.current).toBe('open');
    const refused = await fetch(url, { method: 'POST', body: '{}' }).catch((error: GraphQLError) => error);
    expect((refused as GraphQLError).extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'account' });
  } finally {
    await fetch.close();
  }
});

test('a center that sends its headers and then stalls times out within the budget', async () => {
  handler = (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":');
  };
  const { fetch } = fetcherWith(new CircuitBreaker(), 200);
  try {
    const startedAt = Date.now();
    const error = (await fetch(url, { method: 'POST', body: '{}' }).catch((caught: GraphQLError) => caught)) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'account' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
    // Ended by this fetcher's 200 ms budget, not by the 10 s default (however busy the machine).
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  } finally {
    await fetch.close();
  }
});

test('a refused connection is SUBGRAPH_UNAVAILABLE without the address in the message', async () => {
  const { fetch } = fetcherWith();
  try {
    const error = (await fetch('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' }).catch(
      (caught: GraphQLError) => caught,
    )) as GraphQLError;
    expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.message).not.toContain('127.0.0.1');
  } finally {
    await fetch.close();
  }
});
