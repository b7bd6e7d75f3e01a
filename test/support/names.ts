import type { CenterName } from '../../platform/centers';

/** Where a center that is not running "is": nothing listens on port 9 (discard). */
export const UNREACHABLE_CENTER_URL = 'http://127.0.0.1:9/graphql';

/** Tests start at a fixed instant (10:00 in Shanghai); they move the clock when they need to. */
export const TEST_CLOCK_START = '2026-11-25T02:00:00.000Z';

export function testDatabasePrefix(): string {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) throw new Error('TEST_RUN_ID is not set: run tests through jest (globalSetup)');
  return `t_${runId}_`;
}

export function templateDatabaseName(center: CenterName): string {
  return `${testDatabasePrefix()}tpl_${center}`;
}
