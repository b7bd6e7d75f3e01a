import type { Route } from '../http/server';
import type { ServerMetrics } from './metrics';

/** `GET /metrics` in Prometheus' text format. */
export function metricsRoute(metrics: ServerMetrics): Route {
  return async () => ({ status: 200, body: await metrics.registry.metrics(), contentType: metrics.registry.contentType });
}
