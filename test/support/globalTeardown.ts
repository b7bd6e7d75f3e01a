import { dropDatabase, listDatabases } from '../../subgraphs/kit/database/provisioning';
import { testDatabasePrefix } from './names';

/** Drops every database of this run (templates and any copy a crashed test file left behind). */
export default async function globalTeardown(): Promise<void> {
  // Under `npm test` the runner built the templates for several Jest runs and drops them itself.
  if (process.env.TEST_TEMPLATES_OWNER === 'runner') return;
  const serverUrl = process.env.TEST_SERVER_URL;
  if (serverUrl) {
    const names = await listDatabases(serverUrl, testDatabasePrefix());
    for (const name of names) await dropDatabase(serverUrl, name);
  }
  const embeddedPid = Number(process.env.TEST_EMBEDDED_POSTGRES_PID);
  if (embeddedPid) process.kill(embeddedPid, 'SIGTERM');
  // Both database projects share this teardown; the second call of a run finds nothing left to do.
  delete process.env.TEST_SERVER_URL;
  delete process.env.TEST_EMBEDDED_POSTGRES_PID;
}
