/**
 * Once per test run: find a PostgreSQL server (TEST_DATABASE_URL, DATABASE_URL, or a throw-away
 * embedded one), then build one migrated and seeded template database per center. Each test file
 * copies the templates (`CREATE DATABASE … TEMPLATE …`, milliseconds) and drops its copies, so
 * two runs, and two test files, never see each other's data.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CENTERS } from '../../platform/centers';
import { ManualClock } from '../../platform/clock';
import { withDatabase } from '../../platform/config';
import { seedCenter } from '../../subgraphs/kit/database/bootstrap';
import { migrate, readMigrations } from '../../subgraphs/kit/database/migrations';
import { ensureDatabase } from '../../subgraphs/kit/database/provisioning';
import { projectRoot } from '../../platform/paths';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { templateDatabaseName, TEST_CLOCK_START } from './names';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';
import { register as registerTsx } from 'tsx/cjs/api';

/**
 * A direct `npx jest` runs this file in Jest's parent process, where its `moduleNameMapper` does not
 * apply: the center registry's `import('./user/subgraph.js')` would look for a `.js` file. tsx's
 * require hook resolves TypeScript's `.js` specifiers to the `.ts` sources, as `npm test` (run by tsx) does.
 */
registerTsx();

export default async function globalSetup(): Promise<void> {
  // Built already: by `npm test` (scripts/test.ts) for all its Jest runs, or by the other database
  // project of this Jest run.
  if (process.env.TEST_RUN_ID) return;
  process.env.NODE_ENV = 'test';
  // Fresh platform secrets per run: nothing from a developer's .data/ leaks into tests.
  for (const name of ['FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) {
    process.env[name] = randomBytes(32).toString('base64');
  }
  // Every process's own internal signing key, and a JWKS trusting them all (one process runs them all here).
  Object.assign(process.env, generatedKeyEnvironment());
  process.env.TEST_RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.TEST_SERVER_URL = await databaseServer();

  await Promise.all(
    CENTERS.map(async (center) => {
      const definition = await loadCenterDefinition(center);
      const template = templateDatabaseName(center);
      await ensureDatabase(process.env.TEST_SERVER_URL!, template);
      const url = withDatabase(process.env.TEST_SERVER_URL!, template);
      await migrate(url, readMigrations(center));
      await seedCenter(definition, url, new ManualClock(TEST_CLOCK_START), { demo: true });
    }),
  );
}

async function databaseServer(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) return configured;
  const child = spawn(join(projectRoot, 'node_modules', '.bin', 'tsx'), [join(projectRoot, 'scripts', 'test-postgres.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL for tests exited with ${code}`)));
  });
  process.env.TEST_EMBEDDED_POSTGRES_PID = String(child.pid);
  return (JSON.parse(firstLine) as { serverUrl: string }).serverUrl;
}
