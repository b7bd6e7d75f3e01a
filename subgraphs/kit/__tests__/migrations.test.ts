import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../../platform/config';
import { migrate, Migration } from '../database/migrations';
import { dropDatabase, ensureDatabase } from '../database/provisioning';
import { testServerUrl } from '../../../test/support/databases';
import { testDatabasePrefix } from '../../../test/support/names';

const serverUrl = testServerUrl();
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `${testDatabasePrefix()}migrations_${randomBytes(3).toString('hex')}`;
  created.push(name);
  await ensureDatabase(serverUrl, name);
  return withDatabase(serverUrl, name);
}

afterAll(() => Promise.all(created.map((name) => dropDatabase(serverUrl, name))));

const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
const a = migration('20260101000000_a', 'CREATE TABLE a (id int PRIMARY KEY)');
const b = migration('20260102000000_b', 'CREATE TABLE b (id int REFERENCES a (id))');
const c = migration('20260103000000_c', 'CREATE TABLE c (id int)');

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  await client.end();
  return rows.map((row) => row.tablename);
}

test('applies pending migrations once, in order, and is idempotent', async () => {
  const url = await freshDatabase();
  expect(await migrate(url, [a])).toEqual([a.name]);
  expect(await migrate(url, [a, b])).toEqual([b.name]);
  expect(await migrate(url, [a, b])).toEqual([]);
  expect(await tables(url)).toEqual(['_platform_migrations', 'a', 'b']);
});

test('concurrent runners apply each migration exactly once', async () => {
  const url = await freshDatabase();
  const results = await Promise.all([migrate(url, [a, b, c]), migrate(url, [a, b, c]), migrate(url, [a, b, c])]);
  expect(results.flat().sort()).toEqual([a.name, b.name, c.name]);
});

test('a migration edited after it was applied is refused', async () => {
  const url = await freshDatabase();
  await migrate(url, [a]);
  await expect(migrate(url, [migration(a.name, `${a.sql} -- edited`)])).rejects.toThrow('was edited after it was applied');
});

test('a database with a migration this code does not know is refused', async () => {
  const url = await freshDatabase();
  await migrate(url, [a, b]);
  await expect(migrate(url, [a])).rejects.toThrow('that this code does not know');
});

test('a failing migration leaves nothing half-written', async () => {
  const url = await freshDatabase();
  const broken = migration('20260104000000_d', 'CREATE TABLE d (id int); SELECT * FROM missing_table');
  await expect(migrate(url, [a, broken])).rejects.toThrow('migration 20260104000000_d failed');
  expect(await tables(url)).toEqual(['_platform_migrations', 'a']);
  expect(await migrate(url, [a])).toEqual([]);
});
