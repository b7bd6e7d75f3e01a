/**
 * Every process serves its Prometheus metrics on a port of their own, never on the public one:
 * metric labels name operations, channels, error codes and circuit states, which tell an outsider
 * what the platform runs and how it is doing. The metrics port listens on loopback unless a host
 * is configured (platform/config.ts `metricsPort`, `metricsHost`), so only the scraper beside the
 * process — or the network a deployment opens to it — reaches it.
 */
import { createServer } from 'node:http';
import { listen, sendJson } from '../http/server';
import type { ServerMetrics } from './metrics';
import { metricsRoute } from './metricsRoute';

export interface MetricsServer {
  port: number;
  /** `http://<host>:<port>/metrics`, for tests and logs. */
  url: string;
  stop(): Promise<void>;
}

export async function startMetricsServer(metrics: ServerMetrics, options: { port: number; host: string }): Promise<MetricsServer> {
  const route = metricsRoute(metrics);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' || path !== '/metrics') {
      sendJson(response, { status: 404, body: { error: 'not found' } });
      return;
    }
    Promise.resolve(route(request)).then(
      (answer) => sendJson(response, answer),
      () => sendJson(response, { status: 500, body: { error: 'metrics unavailable' } }),
    );
  });
  // Scrapes are short; an idle keep-alive connection must not hold a stopping process open.
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, options.port, options.host);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
