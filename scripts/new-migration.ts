/**
 * `npm run migration:new -- <center> <name>`: writes the SQL that takes the center's database
 * from its last migration to its current `schema.prisma`, as
 * `prisma/<center>/migrations/<timestamp>_<name>/migration.sql`, with the schema it leads to
 * beside it (`schema.snapshot.prisma`). Diffing against that snapshot, not a live database, avoids
 * Prisma's JS schema engine, which cannot introspect PostgreSQL; it still needs a reachable server
 * (`DATABASE_URL`, default the local one) because it connects even to diff two files.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCenterName } from '../platform/centers';
import { migrationsDirectory, readMigrations, SNAPSHOT_FILE } from '../subgraphs/kit/database/migrations';
import { runPrisma } from './prismaCli';

const [center, name] = process.argv.slice(2);
if (!center || !isCenterName(center) || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <center> <snake_case_name>');
  process.exit(2);
}

const schema = join('prisma', center, 'schema.prisma');
const existing = readMigrations(center);
const last = existing.at(-1);
const from = last ? ['--from-schema-datamodel', join(migrationsDirectory(center), last.name, SNAPSHOT_FILE)] : ['--from-empty'];
const sql = runPrisma(['migrate', 'diff', '--config', 'prisma/prisma.config.ts', ...from, '--to-schema-datamodel', schema, '--script'], {
  PRISMA_DIFF_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
});
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log(`${center}: schema.prisma matches the committed migrations; nothing to write`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const directory = join(migrationsDirectory(center), `${stamp}_${name}`);
mkdirSync(directory, { recursive: true });
writeFileSync(join(directory, 'migration.sql'), sql);
copyFileSync(schema, join(directory, SNAPSHOT_FILE));
console.log(`wrote ${join(directory, 'migration.sql')}`);
