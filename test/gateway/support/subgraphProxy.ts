/**
 * A real HTTP hop between the gateway and one center that a test can slow down, hang or count:
 * `pass` forwards, `delay` forwards after `delayMs`, `hold` forwards when the test calls `release()`,
 * `hang` never answers, `down` drops the connection.
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'delay' | 'hold' | 'hang' | 'down';

export interface SubgraphProxy {
  url: string;
  mode: ProxyMode;
  delayMs: number;
  /** Requests received, by GraphQL operation kind seen in the body. */
  requests: { total: number; mutations: number };
  /** Requests waiting in `hold` mode. */
  held(): number;
  /** Forwards every held request (and stops holding new ones: the mode becomes `pass`). */
  release(): void;
  close(): Promise<void>;
}

export async function startSubgraphProxy(targetUrl: string): Promise<SubgraphProxy> {
  const hanging = new Set<IncomingMessage>();
  const holding: (() => void)[] = [];
  const proxy: SubgraphProxy = {
    url: '',
    mode: 'pass',
    delayMs: 0,
    requests: { total: 0, mutations: 0 },
    held: () => holding.length,
    release: () => {
      proxy.mode = 'pass';
      for (const forward of holding.splice(0)) forward();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const graphql = request.url?.startsWith('/graphql') ?? false;
    if (graphql) proxy.requests.total += 1;
    if (/^\s*\{\s*"query"\s*:\s*"mutation/.test(body.toString())) proxy.requests.mutations += 1;
    if (graphql && proxy.mode === 'down') {
      request.socket.destroy();
      return;
    }
    if (graphql && proxy.mode === 'hang') {
      hanging.add(request);
      return;
    }
    if (proxy.mode === 'delay') await new Promise((resolve) => setTimeout(resolve, proxy.delayMs));
    if (graphql && proxy.mode === 'hold') await new Promise<void>((resolve) => holding.push(resolve));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    const upstream = await fetch(new URL(request.url ?? '/graphql', targetUrl), {
      method: request.method,
      headers,
      body: request.method === 'POST' ? body : undefined,
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return proxy;
}
