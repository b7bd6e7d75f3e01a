/**
 * How the gateway reaches one subgraph: kept-alive pooled connections (platform/http/pooledHttp), a timeout,
 * the subgraph's circuit breaker, and no retries at all — a mutation sent twice could move money
 * twice, and a retried query only doubles the load on a center that is already struggling.
 */
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors';
import { pooledHttpClient, PooledRequestTimeout } from '../../platform/http/pooledHttp';
import { secondsSince } from '../../platform/observability/requestScope';
import type { GatewayMetrics } from '../plugins/observability/gatewayMetrics';
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
  // Pools are per origin: a supergraph reload may move a subgraph to another address.
  const http = pooledHttpClient({ connectionsPerOrigin: options.maxSockets ?? 128 });
  const observe = (outcome: string, startedAt: bigint) =>
    options.metrics?.subgraphDuration.observe({ subgraph: options.subgraph, outcome }, secondsSince(startedAt));

  const fetcher = async (url: string, init: Parameters<Fetcher>[1] = {}) => {
    const startedAt = process.hrtime.bigint();
    if (!options.breaker.allow()) {
      observe('circuit_open', startedAt);
      throw subgraphError(ErrorCode.SubgraphUnavailable, options.subgraph);
    }
    try {
      const answer = await http.request(url, {
        method: init.method ?? 'GET',
        headers: init.headers,
        body: init.body,
        timeoutMs: options.timeoutMs,
      });
      if (answer.status >= 500) options.breaker.failure();
      else options.breaker.success();
      observe(answer.status >= 500 ? 'error' : 'ok', startedAt);
      return new BufferedResponse(url, answer.status, answer.statusText, responseHeaders(answer.headers), answer.body);
    } catch (error) {
      options.breaker.failure();
      const timedOut = error instanceof PooledRequestTimeout;
      observe(timedOut ? 'timeout' : 'error', startedAt);
      throw subgraphError(timedOut ? ErrorCode.SubgraphTimeout : ErrorCode.SubgraphUnavailable, options.subgraph);
    }
  };
  return Object.assign(fetcher as unknown as Fetcher, {
    close: () => http.close(),
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
