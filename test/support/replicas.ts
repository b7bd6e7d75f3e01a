/**
 * Pieces for tests that run services as several replicas. Importing this module puts a test file in the `replicas`
 * Jest project (jest.config.js): such a file runs a whole fleet in one process under load, so it runs alone, one file
 * at a time, after the integration project.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pooledHttpClient } from '../../platform/http/pooledHttp';

/** A load balancer in front of replicas (gateways), as an ingress would be: each POST to a ready one. */
export interface Balancer {
  url: string;
  close(): Promise<void>;
}

/**
 * `targets()` answers the replicas' URLs as a comma-separated list, read per request; the balancing, readiness polling
 * and retry of requests no replica received are the platform's own (platform/http/replicaSet.ts).
 */
export async function startBalancer(targets: () => string): Promise<Balancer> {
  const http = pooledHttpClient({ connectionsPerOrigin: 64 });
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization', 'x-channel']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const answer = await http.request(targets(), { method: 'POST', headers, body: Buffer.concat(chunks), timeoutMs: 120_000 });
      response.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
      response.end(answer.body);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`balancer: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await http.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits for `condition`, or fails after `timeoutMs` saying what it waited for (a hang would say nothing). */
export async function until(condition: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs / 1000} s: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
