import { randomBytes } from 'node:crypto';
import type { CenterName } from '../../platform/centers';
import { withDatabase } from '../../platform/config';
import { migrate, readMigrations } from '../../subgraphs/kit/database/migrations';
import { createDatabaseFromTemplate, dropDatabase, ensureDatabase } from '../../subgraphs/kit/database/provisioning';
import { templateDatabaseName, testDatabasePrefix } from './names';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server of this test run (set by the integration projects' global setup). */
export function testServerUrl(): string {
  const serverUrl = process.env.TEST_SERVER_URL;
  if (!serverUrl) throw new Error("TEST_SERVER_URL is not set: run tests through jest (the integration projects' global setup)");
  return serverUrl;
}

/** A private copy of a center's migrated, seeded template database. */
export async function createTestDatabase(center: CenterName): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = testDatabaseName(center);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await createDatabaseFromTemplate(serverUrl, name, templateDatabaseName(center));
      break;
    } catch (error) {
      // 55006: another copy of the same template is being made right now; wait and retry.
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  return { url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

/** A private, migrated database with no data at all: what a production deployment starts from. */
export async function createUnseededTestDatabase(center: CenterName): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = testDatabaseName(center);
  await ensureDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  await migrate(url, readMigrations(center));
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

function testDatabaseName(center: CenterName): string {
  return `${testDatabasePrefix()}${randomBytes(4).toString('hex')}_${center}`;
}
