/** Where the browser tests find Chromium; light enough for the test runner to ask before any Jest run. */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why this machine cannot run browser tests (scripts/test.ts skips the project naming it), or undefined. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : 'no chromium at /usr/bin/chromium (or CHROMIUM_PATH)';
}
