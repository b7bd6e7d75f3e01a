/** The gateway's own series, on top of the request metrics every server has. */
import { Counter, Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, ServerMetrics, createServerMetrics } from '../../../platform/observability/metrics';

export interface GatewayMetrics extends ServerMetrics {
  subgraphDuration: Histogram<'service' | 'subgraph' | 'outcome'>;
  rateLimited: Counter<'service' | 'bucket'>;
  /** 0 closed, 1 half-open, 2 open. */
  circuitState: Gauge<'service' | 'subgraph'>;
  supergraphReloads: Counter<'service' | 'outcome'>;
  trustedDocumentReloads: Counter<'service' | 'outcome'>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const base = createServerMetrics({ service: 'gateway' });
  const registers = [base.registry];
  return {
    ...base,
    subgraphDuration: new Histogram({
      name: 'bank_gateway_subgraph_request_duration_seconds',
      help: 'Gateway to subgraph fetch latency by subgraph and outcome (ok, error, timeout, circuit_open)',
      labelNames: ['service', 'subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    rateLimited: new Counter({
      name: 'bank_gateway_rate_limited_total',
      help: 'Requests refused by the rate limiter, by bucket',
      labelNames: ['service', 'bucket'],
      registers,
    }),
    circuitState: new Gauge({
      name: 'bank_gateway_circuit_state',
      help: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open',
      labelNames: ['service', 'subgraph'],
      registers,
    }),
    supergraphReloads: new Counter({
      name: 'bank_gateway_supergraph_reloads_total',
      help: 'Supergraph hot reloads by outcome',
      labelNames: ['service', 'outcome'],
      registers,
    }),
    trustedDocumentReloads: new Counter({
      name: 'bank_gateway_trusted_documents_reloads_total',
      help: 'Trusted-document hot reloads by outcome',
      labelNames: ['service', 'outcome'],
      registers,
    }),
  };
}
