/**
 * The browser-test harness (Jest project `browser`: a file importing test/support/browser belongs to it).
 * It runs the channel apps as customers do: Debian's chromium driven by playwright-core, against a test
 * platform whose gateway serves the built apps (apps/dist, built once when missing) with trusted
 * documents ENFORCED and production error masking, SMS sent through the Tencent SMS stand-in (codes read
 * back from it), passkeys through Chromium's virtual WebAuthn authenticator, axe-core on every screen a
 * test visits (serious or critical violations fail it) and screenshots under test-results/screenshots/.
 *
 *   const harness = await startBrowserHarness();
 *   const page = await harness.newPage('WEB');          // a fresh browser profile: no cookies
 *   await page.goto(harness.appUrl('WEB'));
 *   await harness.checkAccessibility(page, 'web-sign-in');
 *   const code = await harness.smsCode('13800000001');
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { BANK_TIME_ZONE } from '../../platform/businessDay';
import { reloadConfig } from '../../platform/config';
import { projectRoot } from '../../platform/paths';
import { APPS_OUTPUT, channelAppsBuilt } from '../../scripts/channelApps';
import { startTencentSmsStandIn, type TencentSmsStandIn } from '../../scripts/smsStandIn/server';
import { browserMissing, CHROMIUM_PATH } from './chromium';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from './platform';

export { browserMissing, CHROMIUM_PATH };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type AppChannel = 'WEB' | 'OPS' | 'MOBILE_APP' | 'WECHAT_MINI' | 'WECHAT_BANKING' | 'ALIPAY_MINI';

/** Where each channel's build is served. */
export function appPath(channel: AppChannel): string {
  if (channel === 'WEB') return '/web/';
  if (channel === 'OPS') return '/ops/';
  return `/h5/${channel.toLowerCase().replace(/_/g, '-')}/`;
}

/** Phone-sized pages for the H5 builds. */
export const MOBILE_VIEWPORT = { width: 390, height: 844 };

export const SCREENSHOTS = join(projectRoot, 'test-results', 'screenshots');

/** SMS through the Tencent SMS stand-in, as the end-to-end tests do (fake key pair, approved templates). */
const SMS_ENV = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKIDBrowserTestsStandIn',
  TENCENT_SMS_SECRET_KEY: 'browser-tests-secret-key-not-a-real-one',
  TENCENT_SMS_SDK_APP_ID: '1400000002',
  SMS_SIGN_NAME: '丰收农商银行',
  SMS_TEMPLATE_LOGIN_CODE: '200001',
  SMS_TEMPLATE_STEP_UP_CODE: '200002',
  SMS_TEMPLATE_REGISTRATION_CODE: '200003',
  SMS_TEMPLATE_REGISTERED_NOTICE: '200004',
  CARD_VERIFICATION_PROVIDER: 'stand-in',
  // A test file signs the two demo customers in from several fresh browsers, each with its SMS code and
  // step-ups: more than the production 5 an hour and 10 a day to one mobile. One a minute still holds
  // (`nextSmsWindow()` moves the platform clock past it).
  SMS_LIMIT_PER_HOUR: '60',
  SMS_LIMIT_PER_DAY: '200',
};

export interface AccessibilityViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export interface BrowserHarness {
  platform: TestPlatform;
  sms: TencentSmsStandIn;
  browser: Browser;
  /** http://localhost:<port> — the gateway, serving /graphql and the apps. */
  origin: string;
  appUrl(channel: AppChannel, route?: string): string;
  /** A page in a fresh browser context (no cookies: a new browser), phone-sized for the H5 builds. */
  newPage(channel: AppChannel): Promise<Page>;
  /** The newest SMS code sent to a mobile (waits up to `timeoutMs` for one newer than `after`). */
  smsCode(mobile: string, options?: { after?: Date; timeoutMs?: number }): Promise<string>;
  /** Moves the platform clock past the one-SMS-per-minute limit before the next code. */
  nextSmsWindow(): void;
  /** Chromium's virtual WebAuthn authenticator on the page (a platform authenticator with user verification). */
  addVirtualAuthenticator(page: Page): Promise<{ session: CDPSession; authenticatorId: string }>;
  /** Runs axe-core on the page: fails on serious or critical violations, answers every violation. */
  checkAccessibility(page: Page, screen: string): Promise<AccessibilityViolation[]>;
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface BrowserHarnessOptions {
  /** More platform settings (the harness's own win for trusted documents, masking and serving the apps). */
  platform?: TestPlatformOptions;
}

/** Builds the apps (`npm run build:apps`) once, when their output is missing. */
export async function ensureAppsBuilt(): Promise<void> {
  if (channelAppsBuilt()) return;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'scripts', 'build-apps.mjs')], { cwd: projectRoot });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', resolve);
  });
  if (code !== 0 || !channelAppsBuilt()) throw new Error(`building the channel apps failed:\n${output.join('')}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startBrowserHarness(options: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  const missing = browserMissing();
  if (missing) throw new Error(missing);
  await ensureAppsBuilt();

  const sms = await startTencentSmsStandIn({
    keys: { [SMS_ENV.TENCENT_SMS_SECRET_ID]: SMS_ENV.TENCENT_SMS_SECRET_KEY },
    sdkAppId: SMS_ENV.TENCENT_SMS_SDK_APP_ID,
    templateIds: ['200001', '200002', '200003', '200004'],
  });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const savedEnv: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries({
    ...SMS_ENV,
    TENCENT_SMS_ENDPOINT: sms.url,
    WEBAUTHN_RP_ID: 'localhost',
    WEBAUTHN_ORIGINS: origin,
  })) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  reloadConfig();

  let platform: TestPlatform | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  async function stop(): Promise<void> {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close().catch(() => undefined);
    await platform?.stop();
    await sms.close();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    reloadConfig();
  }

  try {
    platform = await startTestPlatform({
      // The browser's clock is the real one: behavior events and token times must agree with the platform's.
      clockStart: new Date().toISOString(),
      ...options.platform,
      development: {
        ...options.platform?.development,
        // As in production: trusted documents only, masked errors, the channel header required, no outbox.
        adHocDocuments: false,
        unmaskedErrors: false,
        defaultChannel: false,
        introspection: false,
        smsOutbox: false,
        // The test-only parts: the gateway serves the apps, cookies work over plain-HTTP localhost.
        channelApps: true,
        insecureCookies: true,
      },
      gatewayPort: port,
      gateway: { subgraphTimeoutMs: 120_000, ...options.platform?.gateway, trustedDocuments: true, channelApps: APPS_OUTPUT },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await stop();
    throw error;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const running = platform;
  const launched = browser;

  return {
    platform: running,
    sms,
    browser: launched,
    origin,
    appUrl: (channel, route = '') => `${origin}${appPath(channel)}${route.replace(/^\//, '')}`,
    async newPage(channel) {
      const mobile = channel !== 'WEB' && channel !== 'OPS';
      const context = await launched.newContext({
        locale: 'zh-CN',
        timezoneId: BANK_TIME_ZONE,
        viewport: mobile ? MOBILE_VIEWPORT : { width: 1280, height: 860 },
        isMobile: mobile,
        hasTouch: mobile,
      });
      contexts.push(context);
      return context.newPage();
    },
    async smsCode(mobile, { after, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [message] = sms.messages(mobile);
        if (message?.code && (!after || Date.parse(message.receivedAt) >= after.getTime())) return message.code;
        if (Date.now() > deadline) throw new Error(`the SMS stand-in received no code for ${mobile}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    nextSmsWindow: () => running.clock.advance(61_000),
    async addVirtualAuthenticator(page) {
      const session = await page.context().newCDPSession(page);
      await session.send('WebAuthn.enable');
      const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });
      return { session, authenticatorId };
    },
    async checkAccessibility(page, screen) {
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
      const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      if (blocking.length) {
        await page.screenshot({ path: join(SCREENSHOTS, `${screen}-axe.png`), fullPage: true }).catch(() => undefined);
        throw new Error(`axe: ${blocking.length} serious or critical violation(s) on ${screen}:\n${JSON.stringify(blocking, null, 2)}`);
      }
      return violations;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    stop,
  };
}
