/** The gateway serves the channel apps only with the `channelApps` development feature: never in production. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, TestPlatform } from '../support/platform';

let directory: string;
let production: TestPlatform;
let development: TestPlatform;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'served-apps-'));
  mkdirSync(join(directory, 'web'), { recursive: true });
  writeFileSync(join(directory, 'web', 'index.html'), '<html>web banking</html>');
  production = await startTestPlatform({ production: true, centers: ['auth'], gateway: { channelApps: directory } });
  development = await startTestPlatform({ centers: ['auth'], development: { channelApps: true }, gateway: { channelApps: directory } });
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const page = (platform: TestPlatform, path: string) => fetch(new URL(path, platform.gateway.url));

test('a production gateway does not serve the apps, even when given their folder', async () => {
  const response = await page(production, '/web/');
  expect(response.status).toBe(404);
  expect(await response.text()).not.toContain('web banking');
});

test('a development gateway serves them beside /graphql', async () => {
  const response = await page(development, '/web/');
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('<html>web banking</html>');
  expect((await page(development, '/health/live')).status).toBe(200);
});
