// Prisma CLI configuration shared by every center, used only to generate migration SQL
// (`npm run migration:new`). The JS schema engine needs a reachable PostgreSQL even for a
// diff from empty; the project's own runner (subgraphs/kit/database/migrations.ts) applies them.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return new PrismaPg({
      connectionString: process.env.PRISMA_DIFF_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      // The CLI waits for idle connections to close before it exits.
      idleTimeoutMillis: 50,
    });
  },
});
