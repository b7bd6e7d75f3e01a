/**
 * HTTP between the platform's own processes (gateway → centers, center → center): an undici `Pool`
 * per origin — kept-alive connections, no pipelining, so a slow answer never holds up the calls
 * queued behind it — and one budget for the whole call, reading the body included: a peer that
 * sends its headers and then stalls is still hanging. undici directly, not global `fetch`, which
 * wraps the same client in WHATWG streams and Request/Response objects (measurable per call).
 * Idle connections close by the peer's own Keep-Alive hint and never keep a process alive.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';

export interface PooledRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole-call budget in ms. */
  timeoutMs: number;
}

export interface PooledAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The budget ran out (connect, send or read); any other failure is thrown as it came. */
export class PooledRequestTimeout extends Error {
  constructor(readonly url: string) {
    super(`no complete answer from ${url} within the budget`);
  }
}

export interface PooledHttpClient {
  request(url: string, request: PooledRequest): Promise<PooledAnswer>;
  /** Closes every pool; a later request opens a new one. */
  close(): Promise<void>;
}

export function pooledHttpClient(options: { connectionsPerOrigin: number }): PooledHttpClient {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: options.connectionsPerOrigin, pipelining: 1 });
      pools.set(origin, pool);
    }
    return pool;
  };
  return {
    async request(url, { method, headers, body, timeoutMs }) {
      const { origin, pathname, search } = new URL(url);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await poolFor(origin).request({
          path: pathname + search,
          method: method as 'POST',
          headers,
          body,
          signal: controller.signal,
        });
        const bytes = Buffer.from(await response.body.arrayBuffer());
        return { status: response.statusCode, statusText: response.statusText, headers: response.headers, body: bytes };
      } catch (error) {
        throw controller.signal.aborted ? new PooledRequestTimeout(url) : error;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const closing = [...pools.values()];
      pools.clear();
      await Promise.all(closing.map((pool) => pool.destroy()));
    },
  };
}
