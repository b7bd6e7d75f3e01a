import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createPublicServer, PUBLIC_KEEP_ALIVE_MS } from '../../gateway/frontDoor';

/**
 * A proxy in front of the gateway keeps idle connections up to 60 s: the gateway keeps its side open longer, tells
 * callers so in the Keep-Alive hint, and lets the headers of a request on such a connection arrive.
 */
test('the gateway keeps an idle connection longer than a proxy’s 60 s and says so to callers', async () => {
  const server = createPublicServer();
  server.on('request', (_request, response) => response.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const answer = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await answer.body.text();
    expect(PUBLIC_KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    expect([answer.headers.connection, answer.headers['keep-alive']]).toEqual(['keep-alive', `timeout=${PUBLIC_KEEP_ALIVE_MS / 1000}`]);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
