/**
 * The gateway's HTTP server: the one an ingress controller or load balancer sits in front of.
 *
 * The proxy keeps idle connections to the gateway open and reuses them (nginx's upstream keep-alive and cloud load
 * balancers: 60 s). Node's default closes an idle connection after 5 s, so a request the proxy sends on one just as the
 * gateway closes it is lost, and the customer sees a 502. The gateway must be the side that waits longer.
 *
 * Only the gateway: the centers are called by the platform's own callers alone, which drop an idle connection after
 * IDLE_CONNECTION_MAX_MS (platform/http/pooledHttp.ts), well inside Node's default.
 */
import { createServer, type Server } from 'node:http';

/** Longer than the idle timeout of any proxy in front of the gateway (60 s). */
export const PUBLIC_KEEP_ALIVE_MS = 65_000;

export function createPublicServer(): Server {
  const server = createServer();
  server.keepAliveTimeout = PUBLIC_KEEP_ALIVE_MS;
  // Node wants the headers timeout above the keep-alive one: otherwise the next request's headers on a connection
  // kept that long could be cut off as they arrive.
  server.headersTimeout = PUBLIC_KEEP_ALIVE_MS + 1_000;
  return server;
}
