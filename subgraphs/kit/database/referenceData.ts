/**
 * Reference data — what the bank runs on in every mode (PBOC class and channel limit rules, credit
 * rule sets, billers, the product catalogue, GL accounts) — as opposed to demo data. A center's
 * `referenceData` is seeded when its database records an older version than the code's (or none),
 * under an advisory lock so that processes starting together seed once; the recorded version makes
 * every later start one SELECT. The table is the platform's bookkeeping, like the migrations table.
 */
import { Client } from 'pg';
import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/observability/logger';
import type { AnyCenterDefinition, StoreHandle } from '../server/center';

export const REFERENCE_DATA_TABLE = '_platform_reference_data_version';
const LOCK_KEY = 727_274_015;

/** The version of reference data a database holds; 0 when none was ever seeded. */
export async function referenceDataVersion(databaseUrl: string, center: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [REFERENCE_DATA_TABLE]);
    if (!exists.rows[0]?.found) return 0;
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${REFERENCE_DATA_TABLE} WHERE center = $1`, [center]);
    return rows[0]?.version ?? 0;
  } finally {
    await client.end();
  }
}

/** Seeds the center's reference data if the database's version is older than the code's; answers whether it did. */
export async function ensureReferenceData(
  definition: AnyCenterDefinition,
  store: StoreHandle,
  databaseUrl: string,
  clock: Clock,
  log?: Logger,
): Promise<boolean> {
  const reference = definition.referenceData;
  if (!reference) return false;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${REFERENCE_DATA_TABLE} (
      center text PRIMARY KEY,
      version integer NOT NULL,
      seeded_at timestamptz NOT NULL
    )`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${REFERENCE_DATA_TABLE} WHERE center = $1`, [
      definition.name,
    ]);
    const held = rows[0]?.version ?? 0;
    if (held >= reference.version) return false;
    await reference.seed(store, clock);
    await client.query(
      `INSERT INTO ${REFERENCE_DATA_TABLE} (center, version, seeded_at) VALUES ($1, $2, $3)
       ON CONFLICT (center) DO UPDATE SET version = EXCLUDED.version, seeded_at = EXCLUDED.seeded_at`,
      [definition.name, reference.version, clock.now()],
    );
    log?.info({ from: held, to: reference.version }, `${definition.name} reference data seeded`);
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
