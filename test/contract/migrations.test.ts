import { join } from 'node:path';
import { CENTERS } from '../../subgraphs/kit/centers';
import { migrationsDirectory, readMigrations, SNAPSHOT_FILE } from '../../subgraphs/kit/database/migrations';
import { runPrisma } from '../../scripts/prismaCli';

/**
 * Each migration keeps the schema it leads to beside it. If `schema.prisma` differs from the
 * last snapshot, someone changed the model without `npm run migration:new`.
 */
describe.each(CENTERS)('%s center', (center) => {
  test('has committed migrations and schema.prisma has no change they do not carry', () => {
    const migrations = readMigrations(center);
    expect(migrations.length).toBeGreaterThan(0);
    const snapshot = join(migrationsDirectory(center), migrations.at(-1)!.name, SNAPSHOT_FILE);
    const sql = runPrisma(
      ['migrate', 'diff', '--config', 'prisma/prisma.config.ts', '--from-schema-datamodel', snapshot, '--to-schema-datamodel', join('prisma', center, 'schema.prisma'), '--script'],
      { PRISMA_DIFF_URL: process.env.TEST_SERVER_URL },
    );
    expect(sql).not.toMatch(/\b(CREATE|ALTER|DROP)\b/);
  });
});
