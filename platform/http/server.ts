/**
 * The HTTP front of every process (gateway and centers): `/graphql` through Apollo Server,
 * health probes, and a few plain routes (JWKS). Plain `node:http` keeps the hot path short;
 * Apollo's own request pipeline does the GraphQL work.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import { context } from '@opentelemetry/api';
import { Logger, loggerService, withoutRedaction } from '../observability/logger';
import { CHANNELS } from '../identity/identity';
import { ServerMetrics, operationLabel } from '../observability/metrics';
import { scrubText } from '../observability/redaction';
import { SERVICE_ATTRIBUTE, activeSpan, traceparentOf } from '../observability/traceContext';
import { RequestRecord, currentRequest, newRequestRecord, runInRequestScope, secondsSince } from '../observability/requestScope';
import { graphqlRequestFromSearch, searchFromGraphqlRequest } from './getRequest';
import type { DrainSwitch } from './drain';

export interface PlainResponse {
  status: number;
  /** Sent as JSON, unless `contentType` is given and the body is a string (e.g. `/metrics`). */
  body: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

/** What the front door decided about a `/graphql` request: go on (possibly with a rewritten body), or answer now (a refusal, a CORS preflight). */
export type Admission = { body: unknown } | { respond: PlainResponse };

export type Route = (request: IncomingMessage) => Promise<PlainResponse> | PlainResponse;

export interface HttpAppOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (request: IncomingMessage) => Promise<Context>;
  /** GET routes by path, e.g. `/health/ready`. */
  routes?: Record<string, Route>;
  /**
   * Largest accepted request body (default DEFAULT_MAX_BODY: GraphQL documents are small), or a limit chosen from the
   * request's headers (the gateway lets signed-in callers upload photos: PHOTO_UPLOAD_MAX_BODY).
   */
  maxBodyBytes?: number | ((request: IncomingMessage) => number);
  /** Access log line (through `withoutRedaction(log)`) and metrics for every `/graphql` response, written when it ends. */
  observe?: { log: Logger; metrics: ServerMetrics };
  /**
   * Front-door checks after the body is read and before Apollo parses anything (CORS, CSRF,
   * batching, rate limits, trusted documents): the cheapest place to refuse.
   */
  admit?: (request: IncomingMessage, response: ServerResponse, body: unknown) => Promise<Admission> | Admission;
  /** While it drains, `/health/ready` answers 503 and every response `Connection: close` (platform/http/drain.ts). */
  drain?: DrainSwitch;
}

export const GRAPHQL_PATH = '/graphql';
export const DEFAULT_MAX_BODY = 1024 * 1024;
/**
 * The body limit where photos are uploaded as base64 (real-name verification: two ID-card photos of at most 1.5 MB
 * each, 4 MiB as base64, with the document): the gateway for signed-in callers, and the user center.
 */
export const PHOTO_UPLOAD_MAX_BODY = 5 * 1024 * 1024;

/**
 * The request listener; attach it to a server created first with `createServer()`, so that
 * Apollo's drain plugin can hold the server before Apollo itself exists.
 */
export function createRequestListener<Context extends BaseContext>(
  options: HttpAppOptions<Context>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const drain = options.drain;
  const ready = options.routes?.['/health/ready'] ?? (() => ({ status: 200, body: { status: 'ready' } }));
  const routes: Record<string, Route> = {
    '/health/live': () => ({ status: 200, body: { status: 'ok' } }),
    ...options.routes,
    '/health/ready': (request) => (drain?.draining ? { status: 503, body: { status: 'draining' } } : ready(request)),
  };
  const access = options.observe && { log: withoutRedaction(options.observe.log), metrics: options.observe.metrics };
  const service = options.observe && loggerService(options.observe.log);
  return (request, response) => {
    // The HTTP instrumentation (observability/tracing.ts) opened this request's server span, continuing
    // the caller's W3C `traceparent`; everything below runs in its context.
    // Draining: this answer is the connection's last, so callers hold no kept-alive connection to a stopping process.
    if (drain?.draining) response.setHeader('connection', 'close');
    const record = newRequestRecord();
    const span = activeSpan();
    record.clientName = headerValue(request, 'apollographql-client-name')?.slice(0, 64);
    record.clientVersion = (headerValue(request, 'apollographql-client-version') ?? headerValue(request, 'x-client-version'))?.slice(0, 32);
    const declared = headerValue(request, 'x-channel')?.trim().toUpperCase();
    record.channel = declared && (CHANNELS as readonly string[]).includes(declared) ? declared : undefined;
    if (span) {
      const traceparent = traceparentOf(span);
      if (traceparent) response.setHeader('traceparent', traceparent);
      if (service && span.isRecording()) span.setAttribute(SERVICE_ATTRIBUTE, service);
    }
    if (access && request.url?.startsWith(GRAPHQL_PATH)) {
      // 'finish' fires outside the request's async context: the access line is written back in it.
      response.once('finish', () => context.with(record.traceContext, () => recordResponse(access, request, response, record)));
    }
    runInRequestScope(record, () =>
      handle(options, routes, request, response).catch((error: unknown) => {
        options.observe?.log.error({ err: error }, 'request failed');
        if (!response.headersSent) sendJson(response, refusal(500, 'INTERNAL_SERVER_ERROR', '系统繁忙，请稍后再试'));
        else response.destroy(error as Error);
      }),
    );
  };
}

/** A whole-request refusal in GraphQL's error shape, counted under its code. */
export function refusal(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
  details?: Record<string, unknown>,
): PlainResponse {
  return { status, headers, body: { errors: [{ message, extensions: { code, ...details } }] } };
}

function recordResponse(
  observe: NonNullable<HttpAppOptions<BaseContext>['observe']>,
  request: IncomingMessage,
  response: ServerResponse,
  record: RequestRecord,
): void {
  const seconds = secondsSince(record.startedAt);
  const operation = operationLabel(record.operationName);
  const channel = record.channel ?? 'unknown';
  observe.metrics.requests.inc({ operation, channel, status: String(response.statusCode) });
  observe.metrics.duration.observe({ operation, channel }, seconds);
  for (const code of record.errorCodes) observe.metrics.errors.inc({ code });
  // `observe.log` has no field redaction here: every field below is fixed and none is named like a
  // sensitive path. The free text is the client's — two header values (cut to 64/32 characters) and
  // the operation name (a GraphQL name chosen in the document, cut to 128 here) — and a client could
  // still put a mobile, ID or card number there, so those three get the same scrub as any message.
  observe.log.info(
    {
      event: { kind: 'event', category: ['web'], duration: Math.round(seconds * 1e9) },
      http: { request: { method: request.method }, response: { status_code: response.statusCode } },
      url: { path: GRAPHQL_PATH },
      graphql: { operation: { name: scrubbed(record.operationName?.slice(0, 128)), type: record.operationType } },
      labels: { channel, client_name: scrubbed(record.clientName), client_version: scrubbed(record.clientVersion) },
      error: record.errorCodes.size ? { code: [...record.errorCodes].join(',') } : undefined,
    },
    'graphql request',
  );
}

function scrubbed(text: string | undefined): string | undefined {
  return text && scrubText(text);
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
  const limit = typeof options.maxBodyBytes === 'function' ? options.maxBodyBytes(request) : options.maxBodyBytes;
  const body = await readBody(request, limit ?? DEFAULT_MAX_BODY);
  if (body === TOO_LARGE) {
    sendRefusal(response, refusal(413, 'PAYLOAD_TOO_LARGE', '请求体过大'));
    return;
  }
  let parsedBody: unknown = body;
  if (body && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      parsedBody = JSON.parse(body);
    } catch {
      sendRefusal(response, refusal(400, 'BAD_REQUEST', '请求体不是合法的 JSON'));
      return;
    }
  }
  let search = url.search;
  if (options.admit) {
    // A GET operation is admitted like a POST body: the same trusted-document and token checks.
    const getOperation = request.method === 'GET' ? graphqlRequestFromSearch(url.searchParams) : undefined;
    const admission = await options.admit(request, response, getOperation ?? parsedBody);
    if ('respond' in admission) {
      sendRefusal(response, admission.respond);
      return;
    }
    if (getOperation) search = searchFromGraphqlRequest(admission.body);
    else parsedBody = admission.body;
  }

  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body: parsedBody },
    context: () => options.context(request),
  });
  // Several cookies travel newline-joined in one HeaderMap entry; each is its own Set-Cookie header.
  for (const [name, value] of result.headers) response.setHeader(name, name === 'set-cookie' ? value.split('\n') : value);
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

export function sendJson(response: ServerResponse, { status, body, headers, contentType }: PlainResponse): void {
  if (status === 204) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  if (contentType && typeof body === 'string') {
    response.writeHead(status, { 'content-type': contentType, ...headers });
    response.end(body);
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Sends a refusal and notes its code on the request record (access log, error metrics). */
function sendRefusal(response: ServerResponse, plain: PlainResponse): void {
  const code = (plain.body as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') currentRequest()?.errorCodes.add(code);
  sendJson(response, plain);
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
