/**
 * Center-to-center calls. A center never reads another's database; it asks the owning center
 * over HTTP with a service credential (calling service, customer acted for, scopes). Internal
 * fields are `@inaccessible`, so only these calls reach them, never the gateway's API.
 *
 * Each calling center wraps this in a small typed module (e.g. `marketing/clients/user.ts`)
 * exposing one function per question it asks.
 */
import { GraphQLError } from 'graphql';
import type { CenterName } from './centers';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { centerUrl } from './config';
import { ErrorCode, bankError } from './errors';
import { INTERNAL_IDENTITY_HEADER, signServiceCredential } from './identity';

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
  timeoutMs?: number;
}

export function createInternalClient(options: InternalClientOptions): InternalClient {
  const clock = options.clock ?? systemClock;
  return {
    async request<Data, Variables extends Record<string, unknown>>(document: string, variables: Variables, call: InternalCallOptions) {
      const credential = await signServiceCredential({ service: options.caller, actingFor: call.actingFor, scopes: call.scopes }, clock);
      let response: Response;
      try {
        response = await fetch(options.url ?? centerUrl(options.target), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
      } catch (error) {
        throw unavailable(options.target, error);
      }
      const body = (await response.json().catch(() => null)) as { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      const firstError = body?.errors?.[0];
      if (firstError) {
        // A business refusal of the callee (FORBIDDEN, NOT_FOUND, …) keeps its code; anything else is an outage.
        throw new GraphQLError(firstError.message, {
          extensions: { code: firstError.extensions?.code ?? ErrorCode.InternalServerError, service: options.target },
        });
      }
      if (!response.ok || !body?.data) throw unavailable(options.target, new Error(`HTTP ${response.status}`));
      return body.data;
    },
  };
}

function unavailable(target: CenterName, cause: unknown): GraphQLError {
  const error = bankError(ErrorCode.InternalServerError, `${target} center unavailable`, { details: { service: target } });
  (error as { cause?: unknown }).cause = cause;
  return error;
}
