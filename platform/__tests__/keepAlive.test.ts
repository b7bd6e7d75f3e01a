import { once } from 'node:events';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createPlatformServer, KEEP_ALIVE_TIMEOUT_MS } from '../http/keepAlive';

/**
 * A proxy reuses an idle connection for up to 60 s: the platform's server must not close it first. Node's default
 * (5 s, closing at about 6) would; this waits past it on a real connection and sends the next request on the same socket.
 */
test('an idle kept-alive connection is still open after Node’s default 5 s, and serves the next request', async () => {
  const server = createPlatformServer();
  let served = 0;
  server.on('request', (_request, response) => {
    served += 1;
    response.end(`answer ${served}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const socket: Socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  let closedAfter: number | undefined;
  const opened = Date.now();
  socket.on('close', () => (closedAfter = Date.now() - opened));
  try {
    await once(socket, 'connect');
    const request = 'GET /graphql HTTP/1.1\r\nHost: gateway\r\nConnection: keep-alive\r\n\r\n';
    socket.write(request);
    await waitFor(() => received.includes('answer 1'));
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(closedAfter).toBeUndefined();
    socket.write(request);
    await waitFor(() => received.includes('answer 2'));
    expect(served).toBe(2);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  } finally {
    socket.destroy();
    server.closeAllConnections();
    server.close();
  }
}, 20_000);

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('no answer on the kept-alive connection');
}
