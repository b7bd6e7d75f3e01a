/** Runs the Prisma CLI offline: placeholder engine paths stop it from downloading engines it does not use. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../subgraphs/kit/paths';

export function runPrisma(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const placeholder = join(projectRoot, 'node_modules', '.cache', 'prisma-engine-placeholder');
  mkdirSync(dirname(placeholder), { recursive: true });
  if (!existsSync(placeholder)) writeFileSync(placeholder, '');
  return execFileSync(join(projectRoot, 'node_modules', '.bin', 'prisma'), args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
