import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../subgraphs/kit/paths';

/**
 * Jest runs TypeScript through SWC, which strips types without checking them. The resolvers are
 * typed from the SDL (generated signatures), so this is where a resolver that no longer matches
 * its schema fails.
 */
test('the project type-checks (tsc --noEmit, strict)', () => {
  let output = '';
  try {
    execFileSync(join(projectRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe('');
});
