/**
 * How the gateway reaches one subgraph: a keep-alive connection pool (undici), a timeout, the
 * subgraph's circuit breaker, and no retries at all — a mutation sent twice could move money
 * twice, and a retried query only doubles the load on a center that is already struggling.
 */
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { ErrorCode } from '../../../subgraphs/kit/errors';
import { secondsSince } from '../../../subgraphs/kit/observability/requestScope';
import type { GatewayMetrics } from '../observability/gatewayMetrics';
import { BufferedResponse } from './bufferedResponse';
import type { CircuitBreaker } from './circuitBreaker';

export interface SubgraphFetcherOptions {
  subgraph: string;
  /** Whole-call budget (connect, send, full response). */
  timeoutMs: number;
  breaker: CircuitBreaker;
  metrics?: GatewayMetrics;
  /** Connections kept open per subgraph address. Default 128. */
  maxSockets?: number;
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher & { close(): Promise<void> } {
  // One pool per origin: a supergraph reload may move a subgraph to another address.
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      // No pipelining: one request per connection at a time, so a slow answer never holds up the ones queued
      // behind it. Idle connections close by the center's own Keep-Alive hint (undici's default), before the center would.
      pool = new Pool(origin, { connections: options.maxSockets ?? 128, pipelining: 1 });
      pools.set(origin, pool);
    }
    return pool;
  };
  const observe = (outcome: string, startedAt: bigint) =>
    options.metrics?.subgraphDuration.observe({ subgraph: options.subgraph, outcome }, secondsSince(startedAt));

  const fetcher = async (url: string, init: Parameters<Fetcher>[1] = {}) => {
    const startedAt = process.hrtime.bigint();
    if (!options.breaker.allow()) {
      observe('circuit_open', startedAt);
      throw subgraphError(ErrorCode.SubgraphUnavailable, options.subgraph);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const target = new URL(url);
      const response = await poolFor(target.origin).request({
        path: target.pathname + target.search,
        method: (init.method ?? 'GET') as 'POST',
        headers: init.headers,
        body: init.body,
        signal: controller.signal,
      });
      // Read the whole body under the same timeout: a center that sends headers and then stalls is still hanging.
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode >= 500) options.breaker.failure();
      else options.breaker.success();
      observe(response.statusCode >= 500 ? 'error' : 'ok', startedAt);
      return new BufferedResponse(url, response.statusCode, response.statusText, responseHeaders(response.headers), body);
    } catch (error) {
      options.breaker.failure();
      const timedOut = controller.signal.aborted;
      observe(timedOut ? 'timeout' : 'error', startedAt);
      throw subgraphError(timedOut ? ErrorCode.SubgraphTimeout : ErrorCode.SubgraphUnavailable, options.subgraph);
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(fetcher as unknown as Fetcher, {
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.destroy()));
      pools.clear();
    },
  });
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** What the client sees for the fields of a failed center: a code and the center's name, never its address or the cause. */
function subgraphError(code: ErrorCode, subgraph: string): GraphQLError {
  const message = code === ErrorCode.SubgraphTimeout ? '服务响应超时，请稍后再试' : '服务暂不可用，请稍后再试';
  return new GraphQLError(message, { extensions: { code, serviceName: subgraph } });
}
