/**
 * How the gateway reaches one subgraph: a keep-alive connection pool, a timeout, the subgraph's
 * circuit breaker, and no retries at all — a mutation sent twice could move money twice, and a
 * retried query only doubles the load on a center that is already struggling.
 */
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import fetch, { Response } from 'node-fetch';
import { ErrorCode } from '../../../subgraphs/kit/errors';
import { secondsSince } from '../../../subgraphs/kit/observability/requestScope';
import type { GatewayMetrics } from '../observability/gatewayMetrics';
import type { CircuitBreaker } from './circuitBreaker';

export interface SubgraphFetcherOptions {
  subgraph: string;
  /** Whole-call budget (connect, send, full response). */
  timeoutMs: number;
  breaker: CircuitBreaker;
  metrics?: GatewayMetrics;
  /** Sockets kept open per subgraph. Default 128. */
  maxSockets?: number;
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher & { close(): void } {
  const maxSockets = options.maxSockets ?? 128;
  const httpAgent = new Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
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
      const response = await fetch(url, {
        ...init,
        agent: url.startsWith('https:') ? httpsAgent : httpAgent,
        signal: controller.signal as never,
      });
      // Read the whole body under the same timeout: a center that sends headers and then stalls is still hanging.
      const body = await response.buffer();
      if (response.status >= 500) options.breaker.failure();
      else options.breaker.success();
      observe(response.status >= 500 ? 'error' : 'ok', startedAt);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url });
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
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}

/** What the client sees for the fields of a failed center: a code and the center's name, never its address or the cause. */
function subgraphError(code: ErrorCode, subgraph: string): GraphQLError {
  const message = code === ErrorCode.SubgraphTimeout ? '服务响应超时，请稍后再试' : '服务暂不可用，请稍后再试';
  return new GraphQLError(message, { extensions: { code, serviceName: subgraph } });
}
