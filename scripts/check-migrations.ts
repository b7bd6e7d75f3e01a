/**
 * `npm run check:migrations`: do the committed migrations build exactly the database that each
 * center's `schema.prisma` describes?
 *
 * For every center, two scratch databases on the server (`DATABASE_URL`, default the local one):
 *   migrated — the committed `migration.sql` files applied by the project's own runner
 *   expected — the SQL Prisma writes for `schema.prisma` from empty (`migrate diff --from-empty`)
 * Their catalogues (tables, columns, types, defaults, nullability, constraints, indexes, enums)
 * must agree. This catches a model change without a migration and a migration whose SQL does not
 * produce the schema its snapshot claims. Both databases are dropped afterwards.
 *
 * Migrations may add, by hand, what Prisma's schema language cannot say: CHECK constraints and
 * partial or NULLS NOT DISTINCT indexes (money invariants such as `balance >= 0` live there). Only
 * those may exist in the migrated database alone, and a hand-written index may replace Prisma's
 * index of the same name only by narrowing it (a WHERE clause or NULLS NOT DISTINCT).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { CENTERS, CenterName } from '../platform/centers';
import { withDatabase } from '../platform/config';
import { MIGRATIONS_TABLE, migrate, readMigrations } from '../subgraphs/kit/database/migrations';
import { dropDatabase, ensureDatabase } from '../subgraphs/kit/database/provisioning';
import { runPrismaAsync } from './prismaCli';

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** One line per catalogue fact of the public schema, sorted, so two databases compare as text. */
async function describeSchema(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const facts = await client.query<{ fact: string }>(
      `SELECT format('column %s.%s %s %s default %s', c.table_name, c.column_name,
                     format_type(a.atttypid, a.atttypmod), CASE WHEN c.is_nullable = 'YES' THEN 'null' ELSE 'not null' END,
                     coalesce(c.column_default, '-')) AS fact
         FROM information_schema.columns c
         JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
        WHERE c.table_schema = 'public' AND c.table_name <> $1
       UNION ALL
       SELECT format('constraint %s %s %s', t.relname, con.conname, pg_get_constraintdef(con.oid))
         FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> $1
       UNION ALL
       SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1
       UNION ALL
       SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
      [MIGRATIONS_TABLE],
    );
    return facts.rows.map((row) => row.fact).sort();
  } finally {
    await client.end();
  }
}

const INDEX_FACT = /^index CREATE (?:UNIQUE )?INDEX (\S+) ON /;

/** What Prisma cannot express, so a migration may add it by hand. */
function isHandWrittenOnly(fact: string): boolean {
  return / CHECK \(/.test(fact) || (INDEX_FACT.test(fact) && /( WHERE | NULLS NOT DISTINCT)/.test(fact));
}

export function compareSchemas(fromMigrations: readonly string[], fromSchema: readonly string[]): string[] {
  const migrated = new Set(fromMigrations);
  const expected = new Set(fromSchema);
  const migratedIndexes = new Map(
    fromMigrations.flatMap((fact) => (INDEX_FACT.test(fact) ? [[INDEX_FACT.exec(fact)![1]!, fact] as const] : [])),
  );
  const narrows = (fact: string) => {
    const name = INDEX_FACT.exec(fact)?.[1];
    const replacement = name === undefined ? undefined : migratedIndexes.get(name);
    return replacement !== undefined && replacement.startsWith(fact) && isHandWrittenOnly(replacement);
  };
  const replaced = new Set(
    fromSchema.filter((fact) => !migrated.has(fact) && narrows(fact)).map((fact) => migratedIndexes.get(INDEX_FACT.exec(fact)![1]!)!),
  );
  return [
    ...fromMigrations
      .filter((fact) => !expected.has(fact) && !replaced.has(fact) && !isHandWrittenOnly(fact))
      .map((fact) => `  only in migrations:   ${fact}`),
    ...fromSchema.filter((fact) => !migrated.has(fact) && !narrows(fact)).map((fact) => `  only in schema.prisma: ${fact}`),
  ];
}

async function applySql(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function checkCenter(center: CenterName, runId: string): Promise<string[]> {
  const migrated = `drift_${runId}_${center}_migrated`;
  const expected = `drift_${runId}_${center}_expected`;
  try {
    await ensureDatabase(serverUrl, migrated);
    await ensureDatabase(serverUrl, expected);
    await migrate(withDatabase(serverUrl, migrated), readMigrations(center));
    const sql = await runPrismaAsync(
      [
        'migrate',
        'diff',
        '--config',
        'prisma/prisma.config.ts',
        '--from-empty',
        '--to-schema-datamodel',
        join('prisma', center, 'schema.prisma'),
        '--script',
      ],
      { PRISMA_DIFF_URL: serverUrl },
    );
    await applySql(withDatabase(serverUrl, expected), sql);
    const [fromMigrations, fromSchema] = await Promise.all([
      describeSchema(withDatabase(serverUrl, migrated)),
      describeSchema(withDatabase(serverUrl, expected)),
    ]);
    return compareSchemas(fromMigrations, fromSchema);
  } finally {
    await dropDatabase(serverUrl, migrated);
    await dropDatabase(serverUrl, expected);
  }
}

async function main(): Promise<void> {
  const runId = randomBytes(3).toString('hex');
  let drifted = 0;
  // Two centers at a time: the Prisma CLI is a heavy child process on a 2-core machine.
  const results = new Map<CenterName, Promise<string[]>>();
  const queue = [...CENTERS];
  const workers = [0, 1].map(async () => {
    for (let center = queue.shift(); center; center = queue.shift()) {
      const result = checkCenter(center, runId);
      results.set(center, result);
      await result.catch(() => undefined);
    }
  });
  await Promise.all(workers);
  for (const center of CENTERS) {
    const differences = await results.get(center)!;
    if (differences.length === 0) {
      console.log(`${center}: committed migrations agree with schema.prisma`);
    } else {
      drifted += 1;
      console.log(`${center}: the committed migrations do not build schema.prisma (npm run migration:new -- ${center} <name>):`);
      for (const line of differences) console.log(line);
    }
  }
  if (drifted > 0) process.exit(1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
