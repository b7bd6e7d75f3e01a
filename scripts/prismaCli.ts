/** Runs the Prisma CLI offline: placeholder engine paths stop it from downloading engines it does not use. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../platform/paths';

const PRISMA_BIN = join(projectRoot, 'node_modules', '.bin', 'prisma');

function prismaEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const placeholder = join(projectRoot, 'node_modules', '.cache', 'prisma-engine-placeholder');
  mkdirSync(dirname(placeholder), { recursive: true });
  if (!existsSync(placeholder)) writeFileSync(placeholder, '');
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    ...env,
  };
}

export function runPrisma(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(PRISMA_BIN, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: prismaEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The same without blocking the event loop, so several CLI runs can overlap. */
export function runPrismaAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PRISMA_BIN, args, { cwd: projectRoot, encoding: 'utf8', env: prismaEnvironment(env) }, (error, stdout, stderr) =>
      error ? reject(new Error(`prisma ${args.join(' ')} failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}
