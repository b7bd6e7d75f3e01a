/**
 * Getting a center's database ready: created if missing, migrated by the project's runner, its
 * reference data seeded (every mode), and demo data on top where asked (development, test
 * templates). Used by the start scripts and the test harness.
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
import { ensureReferenceData } from './referenceData';

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
  /** Demo data as well as reference data. */
  seed: boolean;
  clock: Clock;
}

/** Ensures and migrates one center's database, seeds its reference data and optionally demo data; returns its URL. */
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
  await seedCenter(definition, databaseUrl, options.clock, { demo: options.seed });
  return databaseUrl;
}

/** Reference data (when the database's version is older than the code's), then demo data if asked. */
export async function seedCenter(
  definition: AnyCenterDefinition,
  databaseUrl: string,
  clock: Clock,
  options: { demo: boolean },
): Promise<void> {
  const { client } = definition.openStore(databaseUrl);
  try {
    await ensureReferenceData(definition, client, databaseUrl, clock);
    if (options.demo) await definition.seed?.(client, clock);
  } finally {
    await client.$disconnect();
  }
}
