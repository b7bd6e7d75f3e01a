/**
 * The gateway's and the centers' HTTP server, with kept-alive connections that outlive the proxy's.
 *
 * A proxy in front (the ingress controller before the gateway: nginx keeps idle upstream connections 60 s;
 * cloud load balancers 60 s too) reuses a connection it believes open. Node's default closes an idle one
 * after 5 s, so a request the proxy sends on it just as Node closes it fails, and the customer sees a 502.
 * The server must be the side that waits longer. The platform's own callers (undici, 4 s) are unaffected.
 */
import { createServer, type Server } from 'node:http';

/** Longer than any proxy's idle timeout in front of the platform (60 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function createPlatformServer(): Server {
  const server = createServer();
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the headers timeout above the keep-alive one, or a kept-alive connection's next request
  // can be cut off while its headers arrive.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}
