/**
 * Mobile H5 (/h5/<channel>/) in Chromium at phone size, against one platform with trusted documents
 * enforced and masked errors. Per channel one customer journey — sign in the channel's way, the home
 * screen with the channel's limits, the channel's catalogue, a transfer with an SMS step-up, a bill paid:
 *   MOBILE_APP      password + SMS (the web view has no device key); behavior events only after consent
 *   WECHAT_BANKING  by keyboard alone: password + SMS; signed out, the device cookie spares the code
 *   WECHAT_MINI     unbound one-tap refused → password + SMS → bind with SMS → one-tap sign-in
 *   ALIPAY_MINI     the same with Alipay; no loans, no time deposits
 * and on WECHAT_MINI a new customer registers (the WeChat identity bound at once) and opens a class II
 * account with ID-card photos and a selfie picked as files. axe runs on every screen visited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { closeOcr } from '../../subgraphs/user/service/verification/ocrEngine';
import { startBrowserHarness, type AppChannel, type BrowserHarness } from '../support/browser';
import { sampleFaces } from '../support/models/faces';
import { generateCardWithPortrait } from '../support/models/idCards';

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const PASSWORD = 'Demo@2026';
const NEW_MOBILE = '13911116789';
const NEW_NAME = '吴小满';
/** Another bank's debit card the clearing stand-in matches to any holder. */
const OTHER_BANK_CARD = '6222020200112233446';

let harness: BrowserHarness;
let photos: string;
let card: { portraitSide: string; emblemSide: string; selfie: string };

beforeAll(async () => {
  // The images first: finding the sample face blocks this process for seconds.
  const [face] = await sampleFaces([2]);
  const generated = generateCardWithPortrait(12, face!.selfie);
  photos = mkdtempSync(join(tmpdir(), 'h5-photos-'));
  card = { portraitSide: join(photos, 'portrait.jpg'), emblemSide: join(photos, 'emblem.jpg'), selfie: join(photos, 'selfie.jpg') };
  writeFileSync(card.portraitSide, generated.portraitSide);
  writeFileSync(card.emblemSide, generated.emblemSide);
  writeFileSync(card.selfie, face!.selfie);
  harness = await startBrowserHarness();
}, 300_000);
afterAll(async () => {
  await harness?.stop();
  await closeOcr();
  if (photos) rmSync(photos, { recursive: true, force: true });
});

/** The screen's h1 once it shows, then axe. */
async function screen(page: Page, heading: string, name: string): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 30_000 });
  } catch (error) {
    throw new Error(`${name}: ${await shownOn(page, error)}`, { cause: error });
  }
  await harness.checkAccessibility(page, name);
}

/** What the page shows, for a wait that failed. */
async function shownOn(page: Page, error: unknown): Promise<string> {
  const shown = await page
    .locator('body')
    .innerText()
    .catch(() => '(no page)');
  return `${page.url()} said:\n${shown}\n${(error as Error).message}`;
}

/** Waits for the text; when it never shows, fails with what the screen said instead. */
async function seeText(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByText(text).first().waitFor();
  } catch (error) {
    throw new Error(`${String(text)} never showed; ${await shownOn(page, error)}`, { cause: error });
  }
}

/** Runs `action`, which makes the platform send an SMS to `mobile`, and answers the code. */
async function smsAfter(mobile: string, action: () => Promise<unknown>): Promise<string> {
  harness.nextSmsWindow();
  const sent = new Date();
  await action();
  return harness.smsCode(mobile, { after: sent });
}

/** Whether `target` has the keyboard focus (through its own document: the test's lib has no DOM globals). */
const hasFocus = (target: Locator): Promise<boolean> => target.evaluate((element) => element === element.ownerDocument.activeElement);

/** Presses Tab until the focused element is `target` (keyboard only: no pointer). */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return;
  }
  throw new Error('keyboard focus never reached the element');
}

/** The field a screen focuses itself (autoFocus); Tab to it if the browser did not. */
async function focused(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  if (!(await hasFocus(target))) await tabTo(page, target);
}

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

async function passwordSignIn(page: Page, mobile: string, prefix: string): Promise<void> {
  await page.getByLabel('手机号', { exact: true }).fill(mobile);
  await page.getByLabel('登录密码').fill(PASSWORD);
  const code = await smsAfter(mobile, () => page.getByRole('button', { name: '登录', exact: true }).click());
  await page.getByLabel('短信验证码').waitFor();
  await harness.checkAccessibility(page, `${prefix}-sign-in-sms`);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '验证并登录' }).click();
}

/** Home: the greeting and this channel's single-transfer limit. */
async function homeScreen(page: Page, prefix: string, name: string, singleLimit: string): Promise<void> {
  await screen(page, '首页', `${prefix}-home`);
  await seeText(page, `您好，${name}`);
  await seeText(page, `单笔转账限额 ${singleLimit}`);
  await harness.screenshot(page, `${prefix}-home`);
}

/** The channel's catalogue: how many products it sells. */
async function catalogue(page: Page, prefix: string, channelName: string, count: number): Promise<void> {
  await navLink(page, '理财').click();
  await screen(page, '理财产品', `${prefix}-products`);
  await seeText(page, `以下为${channelName}在售产品（共 ${count} 款）`);
  expect(await page.getByRole('link', { name: /详情$/ }).count()).toBe(count);
}

/** The menu ("更多") lists exactly the channel's own extra features. */
async function menu(page: Page, prefix: string, has: string[], lacks: string[]): Promise<void> {
  await navLink(page, '更多').click();
  await screen(page, '全部功能', `${prefix}-menu`);
  for (const label of has) await page.getByRole('main').getByRole('link', { name: label, exact: true }).waitFor();
  for (const label of lacks) expect(await page.getByRole('main').getByRole('link', { name: label, exact: true }).count()).toBe(0);
}

async function transferWithStepUp(page: Page, prefix: string, mobile: string, to: { number: string; name: string }, amount: string) {
  await navLink(page, '转账').click();
  await screen(page, '转账', `${prefix}-transfer`);
  await page.getByLabel('收款账号').fill(to.number);
  await page.getByLabel('收款人户名').fill(to.name);
  await page.getByLabel('转账金额（元）').fill(amount);
  await page.getByRole('button', { name: '确认转账' }).click();
  // A phone this customer never trusted: every money movement steps up.
  await page.getByRole('heading', { name: '安全验证' }).waitFor();
  await harness.checkAccessibility(page, `${prefix}-transfer-step-up`);
  const code = await smsAfter(mobile, () => page.getByRole('button', { name: '获取短信验证码' }).click());
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await seeText(page, `转账成功：已向 ${to.name} 转出 ¥${amount}`);
  await harness.checkAccessibility(page, `${prefix}-transfer-done`);
  await harness.screenshot(page, `${prefix}-transfer-done`);
}

async function payBill(page: Page, prefix: string, mobile: string, billerId: string, customerNumber: string): Promise<void> {
  await navLink(page, '生活缴费').click();
  await screen(page, '生活缴费', `${prefix}-bills`);
  await page.getByLabel('缴费单位').selectOption(billerId);
  await page.getByLabel('缴费户号').fill(customerNumber);
  await page.getByRole('button', { name: '查询账单' }).click();
  await page.getByRole('heading', { name: '待缴账单' }).waitFor();
  await harness.checkAccessibility(page, `${prefix}-bills-found`);
  await page
    .getByRole('button', { name: /^缴纳 .* 账单$/ })
    .first()
    .click();
  const stepUp = page.getByRole('heading', { name: '安全验证' });
  const paid = page.getByText(/^缴费成功：/);
  await Promise.race([stepUp.waitFor(), paid.waitFor()]);
  if (await stepUp.isVisible()) {
    await harness.checkAccessibility(page, `${prefix}-bills-step-up`);
    const code = await smsAfter(mobile, () => page.getByRole('button', { name: '获取短信验证码' }).click());
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '确认', exact: true }).click();
  }
  await paid.waitFor();
  await harness.checkAccessibility(page, `${prefix}-bills-paid`);
  await harness.screenshot(page, `${prefix}-bill-paid`);
}

/** Opens settings through the menu; the consent switch shows the customer's current consent. */
async function settingsConsent(page: Page, name: string, granted: boolean): Promise<void> {
  await navLink(page, '更多').click();
  await page.getByRole('main').getByRole('link', { name: '设置', exact: true }).click();
  await screen(page, '设置', name);
  const consent = page.getByRole('switch', { name: /允许收集使用行为/ });
  await expect(consent.isChecked()).resolves.toBe(granted);
}

/** The SMS limits (5 an hour, 10 a day to one mobile) start afresh: the platform's clock moves a day on. */
function nextSmsDay(): void {
  harness.platform.clock.advance(24 * 3600 * 1000 + 61_000);
}

/** Operation names the page sent to /graphql, in order; QUERY_TEXT for a request that carried a query's text. */
function recordOperations(page: Page): string[] {
  const operations: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string; query?: string } | null;
    operations.push(body?.query ? 'QUERY_TEXT' : (body?.operationName ?? 'ANONYMOUS'));
  });
  return operations;
}

test('MOBILE_APP web view: password and SMS, home, the full catalogue, transfer with step-up, a bill; behavior events only after consent', async () => {
  const page = await harness.newPage('MOBILE_APP');
  const operations = recordOperations(page);
  const headers: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql')) headers.push(request.headers()['x-channel'] ?? '');
  });
  await page.goto(harness.appUrl('MOBILE_APP'));
  await screen(page, '登录手机银行', 'h5-app-sign-in');
  await seeText(page, 'App 内页面不持有设备密钥，每次登录均需短信验证。');
  await passwordSignIn(page, zhang.mobile, 'h5-app');
  await homeScreen(page, 'h5-app', zhang.name, '¥100,000.00');

  // The demo customer consented to behavior analytics: withdrawn in settings, nothing more is sent.
  await settingsConsent(page, 'h5-app-settings', true);
  await page.getByRole('switch', { name: /允许收集使用行为/ }).uncheck();
  await seeText(page, '已关闭使用行为分析');
  const withdrawnAt = operations.length;
  await catalogue(page, 'h5-app', '手机银行', 9);
  await menu(page, 'h5-app', ['定期存款', '贷款', '设置'], ['绑定微信', '绑定支付宝']);
  await transferWithStepUp(page, 'h5-app', zhang.mobile, { number: li.accounts[0]!.number, name: li.name }, '500.00');
  await payBill(page, 'h5-app', zhang.mobile, 'biller-electricity-zj', '3307020001');
  expect(operations.slice(withdrawnAt)).not.toContain('TrackEvents');

  // Consent again: from then on page views, clicks and product views go to trackEvents.
  await settingsConsent(page, 'h5-app-settings-off', false);
  await page.getByRole('switch', { name: /允许收集使用行为/ }).check();
  await seeText(page, '已开启使用行为分析');
  const tracked = page.waitForRequest(
    (request) => request.url().endsWith('/graphql') && request.postDataJSON()?.operationName === 'TrackEvents',
    {
      timeout: 30_000,
    },
  );
  await navLink(page, '理财').click();
  await page.getByRole('link', { name: /详情$/ }).first().click();
  await screen(page, '产品详情', 'h5-app-product');
  const batch = (await tracked).postDataJSON() as { variables: { events: { type: string }[] } };
  expect(batch.variables.events.map((event) => event.type)).toEqual(expect.arrayContaining(['PAGE_VIEW', 'PRODUCT_VIEW']));
  expect(new Set(headers)).toEqual(new Set(['MOBILE_APP']));
  // Trusted documents only: every request named its operation and sent its id, never the text.
  expect(operations).not.toContain('QUERY_TEXT');
  expect(operations).not.toContain('ANONYMOUS');
  await page.context().close();
}, 240_000);

test('WECHAT_BANKING by keyboard alone: password and SMS, home, transfer with step-up, a bill; the device cookie then signs in without a code', async () => {
  const page = await harness.newPage('WECHAT_BANKING');
  recordOperations(page);
  await page.goto(harness.appUrl('WECHAT_BANKING'));
  await screen(page, '登录微信银行', 'h5-wechat-banking-sign-in');
  await tabTo(page, page.getByLabel('手机号', { exact: true }));
  await page.keyboard.type(li.mobile);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  const code = await smsAfter(li.mobile, () => page.keyboard.press('Enter'));
  await focused(page, page.getByLabel('短信验证码'));
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await homeScreen(page, 'h5-wechat-banking', li.name, '¥20,000.00');

  await tabTo(page, navLink(page, '转账'));
  await page.keyboard.press('Enter');
  await screen(page, '转账', 'h5-wechat-banking-transfer');
  await tabTo(page, page.getByLabel('收款账号'));
  await page.keyboard.type(zhang.accounts[0]!.number);
  await page.keyboard.press('Tab');
  await page.keyboard.type(zhang.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('200.00');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '安全验证' }).waitFor();
  await harness.checkAccessibility(page, 'h5-wechat-banking-step-up');
  await focused(page, page.getByRole('button', { name: '获取短信验证码' }));
  const stepUpCode = await smsAfter(li.mobile, () => page.keyboard.press('Enter'));
  await focused(page, page.getByLabel('短信验证码'));
  await page.keyboard.type(stepUpCode);
  await page.keyboard.press('Enter');
  await seeText(page, `转账成功：已向 ${zhang.name} 转出 ¥200.00`);
  await harness.checkAccessibility(page, 'h5-wechat-banking-transfer-done');

  // A bill by keyboard: the saved customer number, query, pay, step up.
  await tabTo(page, navLink(page, '生活缴费'));
  await page.keyboard.press('Enter');
  await screen(page, '生活缴费', 'h5-wechat-banking-bills');
  await tabTo(page, page.getByRole('button', { name: /3307020002/ }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: '查询账单' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '待缴账单' }).waitFor();
  await tabTo(page, page.getByRole('button', { name: /^缴纳 .* 账单$/ }).first());
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '安全验证' }).waitFor();
  await focused(page, page.getByRole('button', { name: '获取短信验证码' }));
  const billCode = await smsAfter(li.mobile, () => page.keyboard.press('Enter'));
  await focused(page, page.getByLabel('短信验证码'));
  await page.keyboard.type(billCode);
  await page.keyboard.press('Enter');
  await seeText(page, /^缴费成功：/);
  await harness.checkAccessibility(page, 'h5-wechat-banking-bill-paid');
  await harness.screenshot(page, 'h5-wechat-banking-bill-paid');
  await catalogue(page, 'h5-wechat-banking', '微信银行', 6);

  // Signed out, the device cookie this browser got with the SMS code spares the code next time.
  await tabTo(page, page.getByRole('button', { name: '退出' }));
  await page.keyboard.press('Enter');
  await screen(page, '登录微信银行', 'h5-wechat-banking-signed-out');
  const smsBefore = harness.sms.messages(li.mobile).length;
  await tabTo(page, page.getByLabel('手机号', { exact: true }));
  await page.keyboard.type(li.mobile);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  // Back on the screen the customer signed out from.
  await screen(page, '理财产品', 'h5-wechat-banking-signed-in-again');
  expect(harness.sms.messages(li.mobile).length).toBe(smsBefore);
  await page.context().close();
}, 240_000);

/** A mini-program: one tap refused while unbound, password + SMS, binding with SMS, then one tap signs in. */
async function miniProgramSignIn(page: Page, channel: AppChannel, prefix: string, platformName: string, title: string): Promise<void> {
  await page.goto(harness.appUrl(channel));
  await screen(page, title, `${prefix}-sign-in`);
  await page.getByRole('button', { name: `${platformName}一键登录` }).click();
  await seeText(page, `您的${platformName}账号尚未绑定本行账户`);
  await harness.checkAccessibility(page, `${prefix}-sign-in-unbound`);
  await passwordSignIn(page, zhang.mobile, prefix);
  await screen(page, `绑定${platformName}账号`, `${prefix}-bind`);
  const code = await smsAfter(zhang.mobile, () => page.getByRole('button', { name: '获取验证码并绑定' }).click());
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '确认绑定' }).click();
  await seeText(page, `已绑定${platformName}账号，下次可一键登录`);
  await harness.checkAccessibility(page, `${prefix}-bound`);
  await page.getByRole('link', { name: '进入首页' }).click();
  await screen(page, '首页', `${prefix}-home-first`);
  await page.getByRole('button', { name: '退出' }).click();
  await screen(page, title, `${prefix}-signed-out`);
  const smsBefore = harness.sms.messages(zhang.mobile).length;
  await page.getByRole('button', { name: `${platformName}一键登录` }).click();
  expect(harness.sms.messages(zhang.mobile).length).toBe(smsBefore);
}

test('WECHAT_MINI: bind WeChat once, then one-tap sign-in; home, its catalogue, transfer with step-up, a bill', async () => {
  nextSmsDay();
  const page = await harness.newPage('WECHAT_MINI');
  const operations = recordOperations(page);
  await miniProgramSignIn(page, 'WECHAT_MINI', 'h5-wechat-mini', '微信', '登录微信小程序');
  await homeScreen(page, 'h5-wechat-mini', zhang.name, '¥5,000.00');
  expect(operations.filter((name) => name === 'LoginWithMiniProgram')).toHaveLength(2);
  await catalogue(page, 'h5-wechat-mini', '微信小程序', 3);
  await menu(page, 'h5-wechat-mini', ['贷款', '绑定微信'], ['定期存款']);
  await transferWithStepUp(page, 'h5-wechat-mini', zhang.mobile, { number: li.accounts[0]!.number, name: li.name }, '300.00');
  await payBill(page, 'h5-wechat-mini', zhang.mobile, 'biller-water-jinhua', '33070001');
  await page.context().close();
}, 240_000);

test('ALIPAY_MINI: bind Alipay once, then one-tap sign-in; home, its catalogue (no loans, no deposits), transfer with step-up, a bill', async () => {
  nextSmsDay();
  const page = await harness.newPage('ALIPAY_MINI');
  await miniProgramSignIn(page, 'ALIPAY_MINI', 'h5-alipay-mini', '支付宝', '登录支付宝小程序');
  await homeScreen(page, 'h5-alipay-mini', zhang.name, '¥5,000.00');
  await catalogue(page, 'h5-alipay-mini', '支付宝小程序', 2);
  await menu(page, 'h5-alipay-mini', ['绑定支付宝', '限额'], ['定期存款', '贷款']);
  // A route the channel lacks does not exist in its build: it falls back to home.
  // (Client-side, as a link would: a reload of an H5 page signs the customer out, its tokens being in memory.)
  const loans = new URL(harness.appUrl('ALIPAY_MINI', 'loans')).pathname;
  await page.evaluate(`window.history.pushState({}, '', ${JSON.stringify(loans)}); window.dispatchEvent(new PopStateEvent('popstate'))`);
  await screen(page, '首页', 'h5-alipay-mini-no-loans');
  await transferWithStepUp(page, 'h5-alipay-mini', zhang.mobile, { number: li.accounts[0]!.number, name: li.name }, '100.00');
  await payBill(page, 'h5-alipay-mini', zhang.mobile, 'biller-gas-jinhua', '330700001');
  await page.context().close();
}, 240_000);

test('WECHAT_MINI: a new customer registers (WeChat bound at once), verifies with ID-card photos and a selfie, and opens a class II account', async () => {
  const page = await harness.newPage('WECHAT_MINI');
  await page.goto(harness.appUrl('WECHAT_MINI', 'register'));
  await screen(page, '注册并开户', 'h5-register');
  await page.getByLabel('手机号', { exact: true }).fill(NEW_MOBILE);
  const code = await smsAfter(NEW_MOBILE, () => page.getByRole('button', { name: '获取验证码' }).click());
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('姓名').fill(NEW_NAME);
  await page.getByLabel('登录密码').fill('Harvest2026');
  await harness.checkAccessibility(page, 'h5-register-details');
  await page.getByRole('button', { name: '完成注册' }).click();

  await screen(page, '实名认证与开立二类户', 'h5-open-identity');
  await page.getByLabel('身份证人像面照片').setInputFiles(card.portraitSide);
  await page.getByLabel('身份证国徽面照片').setInputFiles(card.emblemSide);
  await page.getByRole('button', { name: '识别身份证' }).click();
  await page.getByLabel('本人自拍照').waitFor({ timeout: 120_000 });
  await harness.checkAccessibility(page, 'h5-open-selfie');
  await page.getByLabel('本人自拍照').setInputFiles(card.selfie);
  await page.getByRole('button', { name: '提交人脸比对' }).click();

  await page.getByLabel(/^我已阅读并同意/).waitFor({ timeout: 120_000 });
  await harness.checkAccessibility(page, 'h5-open-agreement');
  await page.getByLabel(/^我已阅读并同意/).check();
  await page.getByRole('button', { name: '同意并继续' }).click();
  await page.getByLabel('绑定本人银行卡号').fill(OTHER_BANK_CARD);
  await page.getByLabel('开户银行（本行卡可不填）').fill('中国工商银行');
  await harness.checkAccessibility(page, 'h5-open-account');
  await page.getByRole('button', { name: '开立账户' }).click();
  await page.getByText(/您的 II 类账户 .* 已开立/).waitFor({ timeout: 60_000 });
  await harness.checkAccessibility(page, 'h5-open-done');
  await harness.screenshot(page, 'h5-class-ii-opened');

  await page.getByRole('link', { name: '返回首页' }).click();
  await screen(page, '首页', 'h5-home-new-customer');
  await seeText(page, `您好，${NEW_NAME}`);
  await seeText(page, 'II 类账户');
  // Registration bound this WeChat identity: after signing out, one tap signs the new customer in.
  await page.getByRole('button', { name: '退出' }).click();
  await screen(page, '登录微信小程序', 'h5-register-signed-out');
  await page.getByRole('button', { name: '微信一键登录' }).click();
  await screen(page, '首页', 'h5-home-one-tap');
  await seeText(page, `您好，${NEW_NAME}`);
  await page.context().close();
}, 300_000);
