/**
 * One data source per subgraph, each with its own fetcher (pool, timeout, breaker). Fetchers
 * and breakers are kept per subgraph name, so a supergraph reload — which builds new data
 * sources — keeps the connection pools and the circuit state.
 */
import { isCenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import { SignedIdentityDataSource } from './subgraphDataSource';
import type { GatewayMetrics } from '../plugins/observability';
import { CircuitBreaker, CircuitBreakerOptions, CircuitState } from './circuitBreaker';
import { createSubgraphFetcher } from './subgraphFetcher';

export interface SubgraphServicesOptions {
  clock: Clock;
  subgraphUrl: (name: string) => string;
  timeoutMs: number;
  breaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  metrics: GatewayMetrics;
  log: Logger;
  /** Benchmark's bare gateway only: forward the caller's internal credential instead of signing one. */
  forwardCallerCredential?: boolean;
}

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function subgraphServices(options: SubgraphServicesOptions) {
  const fetchers = new Map<string, ReturnType<typeof createSubgraphFetcher>>();
  const breakers = new Map<string, CircuitBreaker>();
  const fetcherFor = (subgraph: string) => {
    let fetcher = fetchers.get(subgraph);
    if (!fetcher) {
      const breaker = new CircuitBreaker({
        ...options.breaker,
        onStateChange: (state) => {
          options.metrics.circuitState.set({ subgraph }, STATE_VALUE[state]);
          options.log.warn({ labels: { subgraph, circuit: state } }, `circuit ${state} for ${subgraph}`);
        },
      });
      options.metrics.circuitState.set({ subgraph }, 0);
      breakers.set(subgraph, breaker);
      fetcher = createSubgraphFetcher({ subgraph, timeoutMs: options.timeoutMs, breaker, metrics: options.metrics });
      fetchers.set(subgraph, fetcher);
    }
    return fetcher;
  };
  return {
    buildService: ({ name }: { name: string }) => {
      // Each subgraph's internal tokens name it as their audience, so a subgraph must be a known center.
      if (!isCenterName(name)) throw new Error(`the supergraph names an unknown subgraph "${name}"`);
      return new SignedIdentityDataSource(
        name,
        options.subgraphUrl(name),
        options.clock,
        fetcherFor(name),
        options.forwardCallerCredential,
      );
    },
    circuitState: (subgraph: string): CircuitState | undefined => breakers.get(subgraph)?.current,
    async close() {
      await Promise.all([...fetchers.values()].map((fetcher) => fetcher.close()));
    },
  };
}
