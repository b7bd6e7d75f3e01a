/**
 * The project's migration runner. Prisma generates the SQL (`npm run migration:new`); this applies
 * `prisma/<center>/migrations/<timestamp>_<name>/migration.sql` in order, each in its own
 * transaction, recording a checksum. An edited migration that was already applied is an error,
 * and an advisory lock keeps two processes from migrating the same database at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { CenterName } from '../../../platform/centers';
import { projectRoot } from '../../../platform/paths';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The `schema.prisma` a migration leads to, kept beside it to diff the next one from. */
export const SNAPSHOT_FILE = 'schema.snapshot.prisma';

const LOCK_KEY = 724_311_001; // any constant shared by every runner

/** The runner's own record of applied migrations (not part of any center's model). */
export const MIGRATIONS_TABLE = '_platform_migrations';

export function migrationsDirectory(center: CenterName): string {
  return join(projectRoot, 'prisma', center, 'migrations');
}

export function readMigrations(center: CenterName): Migration[] {
  const directory = migrationsDirectory(center);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(directory, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies pending migrations; returns the names applied now. Safe to run concurrently and repeatedly. */
export async function migrate(databaseUrl: string, migrations: readonly Migration[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${MIGRATIONS_TABLE}`);
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const name of applied.keys()) {
      if (!migrations.some((migration) => migration.name === name)) {
        throw new Error(`database has migration ${name} that this code does not know; refusing to continue`);
      }
    }
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new Error(`migration ${migration.name} was edited after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
