/**
 * The H5 is composed per channel (apps/h5/src/channels/<CHANNEL>.tsx through `@h5-channel`): builds the
 * real app for three channels with the real build configuration (scripts/build-apps.mjs, in a child Node
 * process: Vite is an ES module Jest does not load) and looks into the bundles. A channel-only screen is
 * in the builds of the channels that have it and in no other; every build sends only its own channel.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths';

let directory: string;
const bundles: Record<string, string> = {};

function buildH5(channel: string): Promise<string> {
  const outDir = join(directory, channel);
  const script = `
    import { build } from 'vite';
    import { viteConfig, APPS_ROOT } from ${JSON.stringify(join(projectRoot, 'scripts', 'build-apps.mjs'))};
    const target = ${JSON.stringify({ app: 'h5', channel, base: '/h5/test/', outDir })};
    await build({ ...viteConfig({ ...target, root: APPS_ROOT + '/h5' }), logLevel: 'silent' });
  `;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${channel}: ${stdout}${stderr}${error.message}`));
      const assets = join(outDir, 'assets');
      resolve(
        readdirSync(assets)
          .filter((file) => file.endsWith('.js'))
          .map((file) => readFileSync(join(assets, file), 'utf8'))
          .join('\n'),
      );
    }),
  );
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'h5-channels-'));
  for (const channel of ['MOBILE_APP', 'WECHAT_MINI', 'ALIPAY_MINI']) bundles[channel] = await buildH5(channel);
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('mini-program sign-in and binding are only in the mini-program builds', () => {
  expect(bundles.WECHAT_MINI).toContain('loginWithMiniProgram');
  expect(bundles.WECHAT_MINI).toContain('bindMiniProgram');
  expect(bundles.ALIPAY_MINI).toContain('loginWithMiniProgram');
  expect(bundles.MOBILE_APP).not.toContain('loginWithMiniProgram');
  expect(bundles.MOBILE_APP).not.toContain('bindMiniProgram');
});

test('loans are in the MOBILE_APP and WECHAT_MINI builds, not in ALIPAY_MINI; time deposits only in MOBILE_APP of these', () => {
  // Fields only those screens' queries select: MyLoans' `outstandingPrincipal`, TimeDeposits' `timeDeposits`.
  expect(bundles.MOBILE_APP).toContain('outstandingPrincipal');
  expect(bundles.WECHAT_MINI).toContain('outstandingPrincipal');
  expect(bundles.ALIPAY_MINI).not.toContain('outstandingPrincipal');
  expect(bundles.MOBILE_APP).toContain('timeDeposits');
  expect(bundles.WECHAT_MINI).not.toContain('timeDeposits');
  expect(bundles.ALIPAY_MINI).not.toContain('timeDeposits');
});

test('each build names its own channel and no other', () => {
  const channels = Object.keys(bundles);
  for (const [channel, bundle] of Object.entries(bundles)) {
    // createBankClient({ channel: __BANK_CHANNEL__ }) with the build's define: the x-channel header's value.
    const named = channels.filter((candidate) => new RegExp(`channel:[\`"']${candidate}[\`"']`).test(bundle));
    expect(named).toEqual([channel]);
  }
});
