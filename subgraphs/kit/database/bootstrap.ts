/**
 * Getting a center's database ready: created if missing, migrated by the project's runner, and
 * (in development and test templates) seeded. Used by the start scripts and the test harness.
 */
import { join } from 'node:path';
import type { CenterName } from '../../../platform/centers';
import type { Clock } from '../../../platform/clock';
import { centerDatabaseName, centerDatabaseUrl } from '../../../platform/config';
import { dataDirectory } from '../../../platform/paths';
import type { AnyCenterDefinition } from '../server/center';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from './embeddedPostgres';
import { migrate, readMigrations } from './migrations';
import { ensureDatabase } from './provisioning';

export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The PostgreSQL server to use: `DATABASE_URL`, or an embedded server under `.data/postgres`
 * when none is configured (a fresh laptop has no PostgreSQL).
 */
export async function resolveDatabaseServer(
  env: NodeJS.ProcessEnv = process.env,
  log: (message: string) => void = () => undefined,
): Promise<{ serverUrl: string; embedded?: EmbeddedPostgresHandle }> {
  if (env.DATABASE_URL) return { serverUrl: env.DATABASE_URL };
  const port = Number(env.EMBEDDED_POSTGRES_PORT || DEFAULT_EMBEDDED_PORT);
  log(`no DATABASE_URL: starting embedded PostgreSQL on port ${port} (data in .data/postgres)`);
  const embedded = await startEmbeddedPostgres({ directory: join(dataDirectory(env), 'postgres'), port });
  return { serverUrl: embedded.serverUrl, embedded };
}

export interface PrepareOptions {
  seed: boolean;
  clock: Clock;
}

/** Ensures, migrates and optionally seeds one center's database; returns its URL. */
export async function prepareCenterDatabase(
  definition: AnyCenterDefinition,
  serverUrl: string,
  options: PrepareOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const center: CenterName = definition.name;
  const databaseUrl = centerDatabaseUrl(center, serverUrl, env);
  if (!env[`${center.toUpperCase()}_DATABASE_URL`]) await ensureDatabase(serverUrl, centerDatabaseName(center, env));
  await migrate(databaseUrl, readMigrations(center));
  if (options.seed && definition.seed) await seedCenter(definition, databaseUrl, options.clock);
  return databaseUrl;
}

export async function seedCenter(definition: AnyCenterDefinition, databaseUrl: string, clock: Clock): Promise<void> {
  const { client } = definition.openStore(databaseUrl);
  try {
    await definition.seed?.(client, clock);
  } finally {
    await client.$disconnect();
  }
}
