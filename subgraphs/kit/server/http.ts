/**
 * The HTTP front of every process (gateway and centers): `/graphql` through Apollo Server,
 * health probes, and a few plain routes (JWKS). Plain `node:http` keeps the hot path short;
 * Apollo's own request pipeline does the GraphQL work.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';

export interface PlainResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: IncomingMessage) => Promise<PlainResponse> | PlainResponse;

export interface HttpAppOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (request: IncomingMessage) => Promise<Context>;
  /** GET routes by path, e.g. `/health/ready`. */
  routes?: Record<string, Route>;
  /** Largest accepted request body; GraphQL documents are small. */
  maxBodyBytes?: number;
}

export const GRAPHQL_PATH = '/graphql';
const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * The request listener; attach it to a server created first with `createServer()`, so that
 * Apollo's drain plugin can hold the server before Apollo itself exists.
 */
export function createRequestListener<Context extends BaseContext>(
  options: HttpAppOptions<Context>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const routes: Record<string, Route> = {
    '/health/live': () => ({ status: 200, body: { status: 'ok' } }),
    ...options.routes,
  };
  return (request, response) => {
    handle(options, routes, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, { status: 500, body: { errors: [{ message: '系统繁忙，请稍后再试', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } });
      else response.destroy(error as Error);
    });
  };
}

async function handle<Context extends BaseContext>(
  options: HttpAppOptions<Context>,
  routes: Record<string, Route>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== GRAPHQL_PATH) {
    const route = request.method === 'GET' ? routes[url.pathname] : undefined;
    sendJson(response, route ? await route(request) : { status: 404, body: { error: 'not found' } });
    return;
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
  if (body === TOO_LARGE) {
    sendJson(response, { status: 413, body: { errors: [{ message: '请求体过大', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
    return;
  }
  let parsedBody: unknown = body;
  if (body && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      parsedBody = JSON.parse(body);
    } catch {
      sendJson(response, { status: 400, body: { errors: [{ message: '请求体不是合法的 JSON', extensions: { code: 'BAD_REQUEST' } }] } });
      return;
    }
  }

  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsedBody },
    context: () => options.context(request),
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

const TOO_LARGE = Symbol('too large');

function readBody(request: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, { status, body, headers }: PlainResponse): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
