import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationTable, withConfigurationTable } from '../configDocs';
import { configShape } from '../configSchema';
import { projectRoot } from '../paths';

test("the README's configuration table is the one generated from the schema (npm run docs:config)", () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  expect(withConfigurationTable(readme)).toBe(readme);
});

test('every setting of the schema has a row', () => {
  const table = configurationTable();
  for (const name of [
    'NODE_ENV',
    'SEED_DEMO_DATA',
    'CENTER_WORKERS',
    'DATABASE_URL',
    'REDIS_URL',
    '<CENTER>_URL',
    'CORS_ORIGINS_<CHANNEL>',
  ]) {
    expect(table).toContain(`\`${name}\``);
  }
  expect(Object.keys(configShape)).toEqual(expect.arrayContaining(['ACCOUNT_URL', 'LIMITS_DATABASE_URL', 'CORS_ORIGINS_WEB']));
});
