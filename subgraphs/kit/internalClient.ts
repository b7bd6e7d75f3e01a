/**
 * Center-to-center calls. A center never reads another's database; it asks the owning center
 * over HTTP with a service credential (calling service, customer acted for, scopes). Internal
 * fields are `@inaccessible`, so only these calls reach them, never the gateway's API.
 *
 * Each calling center wraps this in a small typed module (e.g. `marketing/clients/user.ts`)
 * exposing one function per question it asks.
 */
import { GraphQLError } from 'graphql';
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { systemClock } from '../../platform/clock';
import { centerUrl } from '../../platform/config';
import { ErrorCode, bankError } from '../../platform/errors';
import { INTERNAL_IDENTITY_HEADER } from '../../platform/identity/identity';
import { childTraceparent, currentRequest } from '../../platform/observability/requestScope';
import { PooledAnswer, pooledHttpClient } from '../../platform/http/pooledHttp';
import { sharedServiceCredentials } from './serviceCredentials';

export interface InternalCallOptions {
  /** The customer the call is made for; the callee checks it like any ownership. */
  actingFor?: string;
  scopes: readonly string[];
}

export interface InternalClient {
  request<Data, Variables extends Record<string, unknown> = Record<string, unknown>>(
    document: string,
    variables: Variables,
    options: InternalCallOptions,
  ): Promise<Data>;
}

export interface InternalClientOptions {
  caller: CenterName;
  target: CenterName;
  /** Defaults to `<TARGET>_URL` or the target's default port. */
  url?: string;
  clock?: Clock;
  /** Whole-call budget (connect, send, full response). Default 5 s. */
  timeoutMs?: number;
}

/** Connections per target address, shared by every internal client of the process. */
const http = pooledHttpClient({ connectionsPerOrigin: 64 });

/** Closes every internal connection pool (shutdown); a later call opens a new one. */
export function closeInternalClientPools(): Promise<void> {
  return http.close();
}

interface GraphQLBody<Data> {
  data?: Data;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export function createInternalClient(options: InternalClientOptions): InternalClient {
  const credentials = sharedServiceCredentials(options.clock ?? systemClock);
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async request<Data, Variables extends Record<string, unknown>>(document: string, variables: Variables, call: InternalCallOptions) {
      const credential = await credentials({
        service: options.caller,
        audience: options.target,
        actingFor: call.actingFor,
        scopes: call.scopes,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential };
      // W3C trace context: the callee's log lines carry the trace id of the request that made this call.
      const record = currentRequest();
      if (record) headers.traceparent = childTraceparent(record);
      let answer: PooledAnswer;
      try {
        // The address is read per call: tests point `<TARGET>_URL` at a center started later.
        answer = await http.request(options.url ?? centerUrl(options.target), {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: document, variables }),
          timeoutMs,
        });
      } catch (error) {
        throw unavailable(options.target, error);
      }
      const body = parseBody<Data>(answer.body.toString('utf8'));
      const firstError = body?.errors?.[0];
      if (firstError) {
        // A business refusal of the callee (FORBIDDEN, NOT_FOUND, …) keeps its code; anything else is an outage.
        throw new GraphQLError(firstError.message, {
          extensions: { code: firstError.extensions?.code ?? ErrorCode.InternalServerError, service: options.target },
        });
      }
      if (answer.status < 200 || answer.status >= 300 || !body?.data) throw unavailable(options.target, new Error(`HTTP ${answer.status}`));
      return body.data;
    },
  };
}

/** A body that is not JSON (a proxy's error page, a cut-off answer) reads as no body at all. */
function parseBody<Data>(text: string): GraphQLBody<Data> | null {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' ? (body as GraphQLBody<Data>) : null;
  } catch {
    return null;
  }
}

function unavailable(target: CenterName, cause: unknown): GraphQLError {
  const error = bankError(ErrorCode.InternalServerError, `${target} center unavailable`, { details: { service: target } });
  (error as { cause?: unknown }).cause = cause;
  return error;
}
