/**
 * Center-to-center calls. A center never reads another's database; it asks the owning center
 * over HTTP with a service credential (calling service, customer acted for, scopes). Internal
 * fields are `@inaccessible`, so only these calls reach them, never the gateway's API.
 *
 * Every call is a named operation from the callee's `client/operations.graphql`, checked against its
 * schema and typed by code generation, and each callee publishes the one client other centers use
 * (`subgraphs/<center>/client.ts`). The operation name travels with the call, so the callee's access
 * log and metrics name what was asked.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, GraphQLError, Kind, OperationDefinitionNode, print } from 'graphql';
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { systemClock } from '../../platform/clock';
import { centerUrl, config } from '../../platform/config';
import { ErrorCode, bankError } from '../../platform/errors';
import { INTERNAL_IDENTITY_HEADER } from '../../platform/identity/identity';
import { PooledAnswer, pooledHttpClient } from '../../platform/http/pooledHttp';
import { sharedServiceCredentials } from './serviceCredentials';

export interface InternalCallOptions {
  /** The customer the call is made for; the callee checks it like any ownership. */
  actingFor?: string;
  scopes: readonly string[];
}

export interface InternalClient {
  request<Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    options: InternalCallOptions,
  ): Promise<Data>;
}

/**
 * An input with some enum-typed fields taken as plain strings: callers pass values read from their
 * own rows, and the callee's schema refuses one it does not know (BAD_USER_INPUT), as for any caller.
 */
export type WithStoredValues<Input, Fields extends keyof Input> = Omit<Input, Fields> & {
  [Field in Fields]: string | Exclude<Input[Field], string>;
};

export interface InternalClientOptions {
  caller: CenterName;
  target: CenterName;
  /** Defaults to `<TARGET>_URL` or the target's default port. */
  url?: string;
  clock?: Clock;
  /** Whole-call budget (connect, send, full response). Default 5 s; `INTERNAL_CALL_TIMEOUT_MS` overrides it. */
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
  // INTERNAL_CALL_TIMEOUT_MS, when set, replaces every client's own budget (a load test on a crowded machine).
  const timeoutMs = config().settings.INTERNAL_CALL_TIMEOUT_MS ?? options.timeoutMs ?? 5_000;
  return {
    async request<Data, Variables extends Record<string, unknown>>(
      document: TypedDocumentNode<Data, Variables>,
      variables: Variables,
      call: InternalCallOptions,
    ) {
      const { query, operationName } = requestText(document);
      const credential = await credentials({
        service: options.caller,
        audience: options.target,
        actingFor: call.actingFor,
        scopes: call.scopes,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential };
      let answer: PooledAnswer;
      try {
        // The address is read per call: tests point `<TARGET>_URL` at a center started later.
        answer = await http.request(options.url ?? centerUrl(options.target), {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, operationName, variables }),
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

interface RequestText {
  query: string;
  operationName: string;
}

/** Printed once per document: the generated documents are module constants. */
const printedDocuments = new WeakMap<object, RequestText>();

function requestText(document: DocumentNode): RequestText {
  let text = printedDocuments.get(document);
  if (!text) {
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    // An anonymous call would be unnamed in the callee's log and metrics.
    if (!operation?.name) throw new Error('an internal call needs a named operation');
    text = { query: print(document), operationName: operation.name.value };
    printedDocuments.set(document, text);
  }
  return text;
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
