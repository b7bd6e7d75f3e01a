/** The root Dockerfile as the image recipe reads it (scripts/image/dockerfile.ts), and its entrypoint. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths';
import { dockerignore, parseDockerfile } from '../image/dockerfile';

const stages = parseDockerfile(readFileSync(join(projectRoot, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;

test('the image runs as an unprivileged numeric user, through the role entrypoint', () => {
  const user = runtime.instructions.find((instruction) => instruction.kind === 'USER');
  expect(user).toEqual({ kind: 'USER', user: '1000:1000' });
  expect(runtime.instructions).toContainEqual({ kind: 'ENTRYPOINT', argv: ['/bin/sh', 'deploy/image/entrypoint.sh'] });
  // The runtime stage takes only the build stage's result: no build tools, no npm cache.
  const copies = runtime.instructions.filter((instruction) => instruction.kind === 'COPY');
  expect(copies).toEqual([{ kind: 'COPY', from: 'build', chown: undefined, sources: ['/app'], destination: '/app' }]);
});

test('every COPY from the build context names something that exists, never the whole context', () => {
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.kind !== 'COPY' || instruction.from) continue;
      for (const source of instruction.sources) {
        expect(source).not.toBe('.');
        expect([source, existsSync(join(projectRoot, source))]).toEqual([source, true]);
      }
    }
  }
});

test('.dockerignore keeps tests, generated code and local state out, and sources in', () => {
  const ignored = dockerignore(readFileSync(join(projectRoot, '.dockerignore'), 'utf8'));
  for (const path of [
    'node_modules/pg/package.json',
    'subgraphs/account/__tests__/ledger.test.ts',
    'subgraphs/user/__generated__/prisma/client.ts',
    '.data/secrets/x',
  ]) {
    expect([path, ignored(path)]).toEqual([path, true]);
  }
  for (const path of [
    'platform/config.ts',
    'subgraphs/account/client/operations.generated.ts',
    'schema/supergraph.graphql',
    'prisma/user/schema.prisma',
  ]) {
    expect([path, ignored(path)]).toEqual([path, false]);
  }
});

test('.dockerignore rules: the last match decides, `!` re-includes, a folder takes what is below it', () => {
  const ignored = dockerignore('docs\n*.md\n!README.md\n**/tmp\n');
  expect(ignored('docs/a/b.txt')).toBe(true);
  expect(ignored('NOTES.md')).toBe(true);
  expect(ignored('README.md')).toBe(false);
  expect(ignored('sub/NOTES.md')).toBe(false);
  expect(ignored('a/b/tmp/c')).toBe(true);
  expect(ignored('tmpfile')).toBe(false);
});

test('an instruction the recipe cannot run is refused, not skipped', () => {
  expect(() => parseDockerfile('FROM node AS a\nADD https://example.com/x /x\n')).toThrow(/ADD is not supported/);
  expect(() => parseDockerfile('FROM node AS a\nRUN ["npm", "ci"]\n')).toThrow(/JSON form/);
  expect(() => parseDockerfile('FROM node AS a\nCOPY --link a b\n')).toThrow(/--link/);
});

test('the entrypoint refuses a role it does not know', () => {
  const result = spawnSync('/bin/sh', ['deploy/image/entrypoint.sh', 'teller'], { cwd: projectRoot, encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('usage: gateway | center <name> | migrate');
  expect(spawnSync('/bin/sh', ['deploy/image/entrypoint.sh', 'center'], { cwd: projectRoot, encoding: 'utf8' }).status).toBe(2);
});
