/**
 * One record per HTTP request, carried through the async work of that request with
 * AsyncLocalStorage. The logger stamps every line with its trace ids, the subgraph data source
 * propagates them (W3C `traceparent`), and the HTTP front writes the access log and metrics from it
 * when the response ends — so refusals before Apollo runs are counted like everything else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';

export interface RequestRecord {
  /** W3C trace id (32 hex), shared by the gateway and every subgraph call of one client request. */
  traceId: string;
  /** This process's span (16 hex). */
  spanId: string;
  /** The caller's span when the request arrived with a `traceparent`. */
  parentSpanId?: string;
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

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
/** W3C: a trace or span id of all zeros is invalid. */
const ALL_ZEROS = /^0+$/;

/** Continues the caller's trace when its `traceparent` is well formed, else starts a new one. */
export function newRequestRecord(traceparent: string | undefined): RequestRecord {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim().toLowerCase()) : null;
  const valid = match && !ALL_ZEROS.test(match[1]!) && !ALL_ZEROS.test(match[2]!);
  return {
    traceId: valid ? match[1]! : randomHex(16),
    spanId: newSpanId(),
    parentSpanId: valid ? match[2] : undefined,
    startedAt: process.hrtime.bigint(),
    errorCodes: new Set(),
  };
}

export function newSpanId(): string {
  return randomHex(8);
}

/** The `traceparent` for a call made on behalf of `record`: same trace, a new span, sampled. */
export function childTraceparent(record: RequestRecord): string {
  return `00-${record.traceId}-${newSpanId()}-01`;
}

/**
 * Ids are cut from a pool of CSPRNG bytes filled 4 KiB at a time: one `randomFillSync` per 256
 * trace ids instead of one call per id (a call per id showed in the gateway's CPU profile). Every
 * byte is still drawn from the CSPRNG and used once, so ids stay unguessable; an id that comes out
 * all zeros (invalid) is skipped.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomHex(bytes: number): string {
  for (;;) {
    if (poolOffset + bytes > POOL_BYTES) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    const start = poolOffset;
    poolOffset += bytes;
    const id = pool.toString('hex', start, poolOffset);
    if (!ALL_ZEROS.test(id)) return id;
  }
}

export function secondsSince(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}
