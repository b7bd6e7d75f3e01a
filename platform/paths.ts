import { join, resolve } from 'node:path';

/** The repository root, whichever file asks. */
export const projectRoot = resolve(__dirname, '..');

/** Local state of a development machine: embedded PostgreSQL, generated secrets, signing keys. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATA_DIR ? resolve(env.DATA_DIR) : join(projectRoot, '.data');
}
