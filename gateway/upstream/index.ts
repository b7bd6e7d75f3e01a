export { CircuitBreaker } from './circuitBreaker';
export type { CircuitBreakerOptions, CircuitState } from './circuitBreaker';
export { createSubgraphFetcher } from './subgraphFetcher';
export type { SubgraphFetcherOptions } from './subgraphFetcher';
export { subgraphServices } from './subgraphServices';
