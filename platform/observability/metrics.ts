/**
 * Prometheus metrics with prom-client. Each server (gateway or center) owns a registry rather
 * than using the global one, so several servers in one process (npm start, tests) never clash.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { liveReplicaSets } from '../http/replicaSet';

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServerMetrics {
  registry: Registry;
  requests: Counter<'service' | 'operation' | 'channel' | 'status'>;
  duration: Histogram<'service' | 'operation' | 'channel'>;
  errors: Counter<'service' | 'code'>;
}

export interface ServerMetricsOptions {
  /** `service` label on every series, e.g. `gateway` or `account-center`. */
  service: string;
  /** Process metrics (memory, CPU, event loop); off where many servers share a process. */
  processMetrics?: boolean;
}

export function createServerMetrics(options: ServerMetricsOptions): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'bank_upstream_replicas',
    help: 'Replicas of each target this process calls: known, and ready (taking calls)',
    labelNames: ['service', 'target', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const replicas of liveReplicaSets()) {
        const { known, ready } = replicas.counts();
        this.set({ target: replicas.target, state: 'known' }, known);
        this.set({ target: replicas.target, state: 'ready' }, ready);
      }
    },
  });
  return {
    registry,
    requests: new Counter({
      name: 'bank_graphql_requests_total',
      help: 'GraphQL HTTP requests by operation, channel and HTTP status',
      labelNames: ['service', 'operation', 'channel', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'bank_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation and channel',
      labelNames: ['service', 'operation', 'channel'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'bank_graphql_errors_total',
      help: 'Errors returned to callers by extensions.code',
      labelNames: ['service', 'code'],
      registers: [registry],
    }),
  };
}

/** Keeps label cardinality bounded whatever names clients send. */
export function operationLabel(name: string | undefined): string {
  if (!name) return 'anonymous';
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'invalid';
}
