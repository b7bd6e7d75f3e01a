/** Creating and dropping the per-center databases on a PostgreSQL server. */
import { Client } from 'pg';
import { isUniqueViolation } from './uniqueViolation';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

async function withServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists (tolerating a concurrent creator). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    } catch (error) {
      // 42P04: it exists now; a unique violation: a concurrent creator is writing its catalogue row.
      if ((error as { code?: string }).code !== '42P04' && !isUniqueViolation(error)) throw error;
    }
  });
}

/**
 * A copy of a migrated, seeded template: milliseconds instead of a migration run. On PostgreSQL 15+
 * the copy is made with `STRATEGY = FILE_COPY`: the default there (WAL_LOG) writes every page of the
 * template through the WAL, which for these small templates costs far more CPU than copying the files.
 */
export async function createDatabaseFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  await withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT current_setting($1) AS version', ['server_version_num']);
    const strategy = Number(rows[0]!.version) >= 150_000 ? ' STRATEGY = FILE_COPY' : '';
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}${strategy}`);
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`).then(() => undefined),
  );
}

export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    return rows.map((row) => row.datname);
  });
}
