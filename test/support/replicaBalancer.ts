/**
 * The small HTTP balancer a replicas test puts in front of its gateways, as a load balancer or a Kubernetes Service
 * would be: it forwards each request to a ready gateway through the platform's own replica choice
 * (platform/http/replicaSet.ts: readiness polled, a connection refused tried on the other gateway, nothing retried
 * once a gateway may have received it) and sends the answer back unchanged.
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { ReplicaSet } from '../../platform/http/replicaSet';

export interface Balancer {
  url: string;
  replicas: ReplicaSet;
  close(): Promise<void>;
}

/** Hop-by-hop headers: they describe one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

export async function startBalancer(gatewayUrls: string[], readinessIntervalMs: number): Promise<Balancer> {
  const agent = new Agent({ connections: 16, pipelining: 1 });
  const replicas = new ReplicaSet(gatewayUrls.join(','), agent, { readinessIntervalMs });
  const server: Server = createServer((request, response) => {
    forward(replicas, request).then(
      (answer) => {
        const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
        response.writeHead(answer.status, headers as Record<string, string | string[]>).end(answer.body);
      },
      (error: unknown) => response.writeHead(502, { 'content-type': 'text/plain' }).end(`balancer: ${(error as Error).message}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    replicas,
    async close() {
      replicas.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await agent.close();
    },
  };
}

async function forward(replicas: ReplicaSet, request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return replicas.request({
    method: request.method ?? 'GET',
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
}
