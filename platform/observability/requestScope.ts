/**
 * One record per HTTP request, carried through the async work of that request with
 * AsyncLocalStorage: what the HTTP front needs to write the access log and metrics when the
 * response ends — so refusals before Apollo runs are counted like everything else. Trace ids are
 * not kept here: they live in the OpenTelemetry context (./traceContext.ts, ./tracing.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Context, context } from '@opentelemetry/api';

export interface RequestRecord {
  /** The OpenTelemetry context the request arrived in (its server span): the access line is written in it. */
  traceContext: Context;
  startedAt: bigint;
  operationName?: string;
  operationType?: string;
  channel?: string;
  clientName?: string;
  clientVersion?: string;
  /** The client's address as the gateway determined it (trusted proxies only). */
  clientAddress?: string;
  /** Every `extensions.code` the response carried (or the front door refused with). */
  errorCodes: Set<string>;
}

const scope = new AsyncLocalStorage<RequestRecord>();

export function runInRequestScope<T>(record: RequestRecord, work: () => T): T {
  return scope.run(record, work);
}

export function currentRequest(): RequestRecord | undefined {
  return scope.getStore();
}

/** A record for a request arriving now, in the active (server span's) context. */
export function newRequestRecord(): RequestRecord {
  return { traceContext: context.active(), startedAt: process.hrtime.bigint(), errorCodes: new Set() };
}

export function secondsSince(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}
