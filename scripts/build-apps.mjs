/**
 * `npm run build:apps` (plain Node: tsx trips over Vite): builds the channel apps with Vite into apps/dist/ (git-ignored), as plain static
 * files any web server or CDN can host:
 *   web   base /web/, channel WEB
 *   ops   base /ops/, channel OPS
 *   h5    once per app channel, base /h5/<channel-slug>/ (MOBILE_APP, WECHAT_MINI, WECHAT_BANKING,
 *         ALIPAY_MINI), plus apps/dist/h5/index.html linking the four
 * Each build resolves `@documents` to its channel's generated trusted documents
 * (apps/documents/<CHANNEL>.generated.ts), so an app using an operation its channel's manifest
 * lacks fails to build (a missing export).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { build } from 'vite';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const APPS_ROOT = join(projectRoot, 'apps');
export const APPS_OUTPUT = join(APPS_ROOT, 'dist');

export const H5_CHANNELS = ['MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'];
export const H5_CHANNEL_NAMES = {
  MOBILE_APP: '手机银行（App 内页面）',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
};

/** MOBILE_APP → mobile-app */
export const channelSlug = (channel) => channel.toLowerCase().replace(/_/g, '-');

/** Every build: app, channel, the URL path it is served under (e.g. /h5/wechat-mini/) and its output folder. */
export function appBuilds(output = APPS_OUTPUT) {
  return [
    { app: 'web', channel: 'WEB', base: '/web/', outDir: join(output, 'web') },
    ...H5_CHANNELS.map((channel) => ({
      app: 'h5',
      channel,
      base: `/h5/${channelSlug(channel)}/`,
      outDir: join(output, 'h5', channelSlug(channel)),
    })),
    { app: 'ops', channel: 'OPS', base: '/ops/', outDir: join(output, 'ops') },
  ];
}

/** The Vite configuration of one build (also used by the build-failure test with another root). */
/** @param {{ root: string, channel: string, base: string, outDir: string, app?: string }} target */
export function viteConfig(target) {
  return {
    root: target.root,
    base: target.base,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    resolve: {
      alias: {
        '@documents': join(APPS_ROOT, 'documents', `${target.channel}.generated.ts`),
        // H5: the channel's own sign-in and feature list (apps/h5/src/channels/<CHANNEL>.tsx).
        ...(target.app === 'h5' ? { '@h5-channel': join(APPS_ROOT, 'h5', 'src', 'channels', `${target.channel}.tsx`) } : {}),
      },
    },
    define: {
      __BANK_CHANNEL__: JSON.stringify(target.channel),
      __BANK_APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.1.0'),
    },
    build: {
      outDir: target.outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024,
    },
  };
}

/** Builds every app; answers the seconds it took. */
export async function buildApps(options = {}) {
  const log = options.log ?? console.log;
  const started = Date.now();
  for (const target of appBuilds(options.output)) {
    const begun = Date.now();
    await build(viteConfig({ ...target, root: join(APPS_ROOT, target.app) }));
    log(`  built ${target.app} (${target.channel}) → ${target.base} in ${((Date.now() - begun) / 1000).toFixed(1)}s`);
  }
  const output = options.output ?? APPS_OUTPUT;
  mkdirSync(join(output, 'h5'), { recursive: true });
  writeFileSync(join(output, 'h5', 'index.html'), h5Index());
  const seconds = (Date.now() - started) / 1000;
  log(`channel apps built in ${seconds.toFixed(1)}s into ${output}`);
  return seconds;
}

/** /h5/: one link per channel build. */
function h5Index() {
  const links = H5_CHANNELS.map(
    (channel) => `      <li><a href="/h5/${channelSlug(channel)}/">${H5_CHANNEL_NAMES[channel]}</a> <small>${channel}</small></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>农商银行 · 移动端渠道</title>
  </head>
  <body>
    <main>
      <h1>移动端渠道</h1>
      <ul>
${links}
      </ul>
    </main>
  </body>
</html>
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildApps().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
