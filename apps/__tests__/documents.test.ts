/**
 * An app imports its operations from `@documents`, its channel's generated trusted documents: an
 * operation the channel's manifest lacks is a missing export, and the build fails. Builds a tiny entry
 * with the real build configuration (scripts/build-apps.mjs) in a child Node process (Vite is an ES
 * module Jest does not load).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { projectRoot } from '../../platform/paths';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'documents-build-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function buildEntry(channel: string, importLine: string): Promise<{ ok: boolean; output: string }> {
  const root = join(directory, `${channel}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><script type="module" src="/src/main.ts"></script></body></html>');
  writeFileSync(join(root, 'src', 'main.ts'), `${importLine}\n`);
  const script = `
    import { build } from 'vite';
    import { viteConfig } from ${JSON.stringify(join(projectRoot, 'scripts', 'build-apps.mjs'))};
    const target = ${JSON.stringify({ root, channel, base: '/', outDir: join(root, 'dist') })};
    await build({ ...viteConfig(target), logLevel: 'silent' });
  `;
  return new Promise((resolve) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: `${stdout}${stderr}${error?.message ?? ''}` }),
    ),
  );
}

test('a WEB entry that uses an operation only OPS lists fails to build; one OPS lists builds', async () => {
  const refused = await buildEntry('WEB', "import { StaffLoginDocument } from '@documents'; console.log(StaffLoginDocument);");
  expect(refused.ok).toBe(false);
  expect(refused.output).toMatch(/"StaffLoginDocument" is not exported by "apps\/documents\/WEB\.generated\.ts"/);

  const built = await buildEntry('OPS', "import { StaffLoginDocument } from '@documents'; console.log(StaffLoginDocument);");
  expect(built.output).toBe('');
  expect(built.ok).toBe(true);
});

test("each generated document carries its trusted-document id, the sha256 of the operation file's bytes", () => {
  const web = readFileSync(join(projectRoot, 'apps', 'documents', 'WEB.generated.ts'), 'utf8');
  const id = createHash('sha256')
    .update(readFileSync(join(projectRoot, 'schema', 'operations', 'LoginWithDeviceToken.graphql')))
    .digest('hex');
  expect(web).toContain(`export const LoginDocument = {"__meta__":{"documentId":"${id}"}`);
  expect(web).toContain(`"Login": "${id}"`);
  // WEB's manifest lists LoginWithDeviceToken, not the app channels' Login.graphql.
  const other = createHash('sha256')
    .update(readFileSync(join(projectRoot, 'schema', 'operations', 'Login.graphql')))
    .digest('hex');
  expect(web).not.toContain(other);
});
