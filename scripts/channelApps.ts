/** Where `npm run build:apps` (scripts/build-apps.mjs) writes the channel apps, and whether every build is there. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths';

export const APPS_OUTPUT = join(projectRoot, 'apps', 'dist');

/** The index.html of every build: web, ops, the /h5/ index and the four H5 channel builds. */
export const CHANNEL_APP_ENTRIES = [
  'web/index.html',
  'ops/index.html',
  'h5/index.html',
  ...['mobile-app', 'wechat-mini', 'wechat-banking', 'alipay-mini'].map((slug) => `h5/${slug}/index.html`),
];

export function channelAppsBuilt(output = APPS_OUTPUT): boolean {
  return CHANNEL_APP_ENTRIES.every((entry) => existsSync(join(output, entry)));
}
