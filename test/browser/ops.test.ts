/**
 * The operations console in a real browser, against a platform running trusted documents only with
 * production error masking: the demo operator (OPERATOR, RISK_ANALYST and ADMIN) signs in with a TOTP
 * code, sees today's actives per channel, changes a risk rule and finds the change in the history;
 * every screen passes axe; and once, the whole way by keyboard alone.
 */
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { shanghaiDayDate } from '../../platform/businessDay';
import type { StaffRole } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { encryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { STAFF_USER } from '../../subgraphs/auth/encryptedColumns';
import { DEMO_OPERATOR, demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { startBrowserHarness, type BrowserHarness } from '../support/browser';

let harness: BrowserHarness;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Today's activity: both demo customers on the mobile app, one of them on web banking too.
  const now = harness.platform.clock.now();
  const event = (channel: 'MOBILE_APP' | 'WEB', customerId: string, n: number) => ({
    channel,
    clientEventId: `ops-browser-${channel}-${n}`,
    type: 'PAGE_VIEW' as const,
    customerId,
    sessionId: `ops-browser-session-${n}`,
    occurredAt: now,
    eventDay: shanghaiDayDate(now),
    receivedAt: now,
    page: 'home',
  });
  await harness.platform.store('marketing').behaviorEvent.createMany({
    data: [event('MOBILE_APP', zhang!.id, 1), event('MOBILE_APP', li!.id, 2), event('WEB', zhang!.id, 3)],
  });
  // Today's risk decisions: two large transfers stepped up, one small one allowed.
  const decision = (n: number, amountFen: bigint, outcome: string, reasons: string[]) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    userId: zhang!.id,
    action: 'TRANSFER',
    channel: 'MOBILE_APP',
    inputs: { channel: 'MOBILE_APP', payeeAccountNumber: li!.accounts[0]!.number },
    outcome,
    reasons,
    ruleVersion: 1,
    amountFen,
    createdAt: new Date(now.getTime() - n * 1000),
  });
  await harness.platform.store('auth').riskDecision.createMany({
    data: [
      decision(1, 6_000_000n, 'CHALLENGE', ['LARGE_AMOUNT']),
      decision(2, 8_000_000n, 'CHALLENGE', ['LARGE_AMOUNT']),
      decision(3, 10_000n, 'ALLOW', []),
    ],
  });
}, 300_000);
afterAll(async () => harness?.stop());

/** The demo operator's current TOTP code, by the platform's clock (each 30-second step signs in once). */
function totpCode(): string {
  return generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(harness.platform.clock.now().getTime() / 1000) });
}

/** Moves the platform clock into the next TOTP time step, so the next sign-in has a fresh code. */
function nextTotpStep() {
  const now = harness.platform.clock.now().getTime();
  harness.platform.clock.set(new Date((Math.floor(now / 30_000) + 1) * 30_000 + 1_000));
}

const heading = (page: Page) => page.locator('main h1');

test("the demo operator signs in with TOTP, sees today's actives, changes a risk rule and finds it in the history; axe on every screen", async () => {
  const started = Date.now();
  const page = await harness.newPage('OPS');
  await page.goto(harness.appUrl('OPS'));
  await heading(page).filter({ hasText: '员工登录' }).waitFor();
  await harness.checkAccessibility(page, 'ops-sign-in');

  // A wrong code is refused with the staff message; the right one signs in.
  await page.getByLabel('用户名').fill('ops');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  const code = totpCode();
  await page.getByLabel('动态口令').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '用户名、密码或动态口令错误' }).waitFor();
  await page.getByLabel('动态口令').fill(code);
  await page.getByRole('button', { name: '登录' }).click();

  // Operators land on the actives: today's, per channel, from the events arranged above.
  await heading(page).filter({ hasText: '活跃概览' }).waitFor();
  await page.getByTestId('today-total').filter({ hasText: /^3$/ }).waitFor();
  expect(await page.getByTestId('today-MOBILE_APP').textContent()).toBe('2');
  expect(await page.getByTestId('today-WEB').textContent()).toBe('1');
  expect(await page.getByTestId('today-ALIPAY_MINI').textContent()).toBe('0');
  await page.locator('[role="img"] svg').first().waitFor();
  await harness.checkAccessibility(page, 'ops-overview');
  await harness.screenshot(page, 'ops-overview');

  // The channel filter narrows the figures (and lives in the URL).
  await page.getByLabel('渠道', { exact: true }).selectOption('WEB');
  await page.getByTestId('today-total').filter({ hasText: /^1$/ }).waitFor();
  expect(page.url()).toContain('channel=WEB');

  // Every screen the demo operator's three roles open renders and passes axe.
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const [name, screen] of [
    ['行为分析', 'ops-behavior'],
    ['日终对账', 'ops-reconciliation'],
    ['风险决策', 'ops-risk-decisions'],
    ['审计日志', 'ops-audit'],
  ] as const) {
    await nav.getByRole('link', { name }).click();
    await heading(page).filter({ hasText: name }).waitFor();
    await page.locator('main table').first().waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    await harness.checkAccessibility(page, screen);
    await harness.screenshot(page, screen);
  }
  // The risk decisions by rule: today's two LARGE_AMOUNT step-ups and the one decision no rule fired for.
  await nav.getByRole('link', { name: '风险决策' }).click();
  const totals = page.getByRole('table', { name: '各规则决策结果合计' });
  await totals.getByRole('row').filter({ hasText: 'LARGE_AMOUNT' }).waitFor();
  expect(await totals.getByRole('row').filter({ hasText: 'LARGE_AMOUNT' }).getByRole('cell').allTextContents()).toEqual([
    '大额交易（LARGE_AMOUNT）',
    '0',
    '2',
    '0',
  ]);
  expect(await totals.getByRole('row').filter({ hasText: '未触发规则' }).getByRole('cell').allTextContents()).toEqual([
    '未触发规则',
    '1',
    '0',
    '0',
  ]);
  const number = li!.accounts[0]!.number;
  const decisions = page.getByRole('table', { name: '风险决策明细（客户信息已脱敏）' });
  expect(await decisions.getByRole('row').count()).toBe(4);
  expect(await decisions.textContent()).toContain(`${number.slice(0, 4)} **** **** ${number.slice(-4)}`);
  expect(await decisions.textContent()).not.toContain(number);

  await nav.getByRole('link', { name: '审计日志' }).click();
  await heading(page).filter({ hasText: '审计日志' }).waitFor();
  // The audit log shows the failed and the successful sign-in just made.
  await page.getByRole('cell', { name: '员工登录' }).first().waitFor();
  expect(await page.getByRole('cell', { name: '失败' }).count()).toBeGreaterThanOrEqual(1);
  // An admin starts a signing-key rotation in two steps; it is audited at once.
  await page.getByRole('button', { name: '轮换签名密钥' }).click();
  await page.getByRole('button', { name: '确认轮换' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /新密钥 .+已发布/ })
    .waitFor();
  await page.getByRole('cell', { name: '签名密钥轮换' }).first().waitFor();
  expect(await nav.getByRole('link', { name: /技术监控/ }).getAttribute('href')).toBe('/grafana/d/bank-platform/bank-platform');

  // A risk rule changed, and the change in the history with who, before and after.
  await nav.getByRole('link', { name: '风险规则' }).click();
  await heading(page).filter({ hasText: '风险规则' }).waitFor();
  await page.getByRole('button', { name: '修改 大额交易（LARGE_AMOUNT）' }).click();
  await harness.checkAccessibility(page, 'ops-rule-editor');
  const amount = page.getByLabel('起点金额（分）');
  expect(await amount.inputValue()).toBe('5000000');
  await amount.fill('3000000');
  await page.getByRole('button', { name: '保存修改' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /已保存，规则版本 \d+/ })
    .waitFor();
  const history = page.getByRole('table', { name: '风险规则变更记录' });
  const change = history.getByRole('row').filter({ hasText: '大额交易' }).first();
  await change.waitFor();
  const cells = await change.getByRole('cell').allTextContents();
  expect(cells.slice(1, 5)).toEqual([
    '大额交易（LARGE_AMOUNT）',
    'ops',
    '加强验证，启用，起点金额（分） 5000000',
    '加强验证，启用，起点金额（分） 3000000',
  ]);
  await harness.checkAccessibility(page, 'ops-rules');
  await harness.screenshot(page, 'ops-rules');

  // The platform has the new threshold.
  const rules = await harness.platform.store('auth').riskRule.findFirst({ where: { code: 'LARGE_AMOUNT' }, orderBy: { version: 'desc' } });
  expect(rules?.params).toEqual({ minimumAmountFen: '3000000' });
  console.log(`ops console journey: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await page.context().close();
});

/**
 * Presses Tab until the focused element is the one `name` names (its aria-label, label or text), at most 40 times.
 * It waits first for that element to be on the page: a screen still loading its data (the rules list) would
 * otherwise be tabbed through before the element exists.
 */
async function tabTo(page: Page, name: string) {
  await page
    .getByLabel(name, { exact: true })
    .or(page.getByText(name, { exact: true }))
    .first()
    .waitFor();
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    // The page's own script (this file is compiled without the DOM library).
    const focused = await page.evaluate<string>(`(() => {
      const element = document.activeElement;
      if (!element) return '';
      return (element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '').trim();
    })()`);
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: sign in, open the risk rules, switch a rule off and see it listed', async () => {
  nextTotpStep();
  const page = await harness.newPage('OPS');
  await page.goto(harness.appUrl('OPS'));
  await heading(page).filter({ hasText: '员工登录' }).waitFor();

  await tabTo(page, '用户名');
  await page.keyboard.type('ops');
  await tabTo(page, '密码');
  await page.keyboard.type(DEMO_PASSWORD);
  await tabTo(page, '动态口令');
  await page.keyboard.type(totpCode());
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: '活跃概览' }).waitFor();

  await tabTo(page, '风险规则');
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: '风险规则' }).waitFor();
  await tabTo(page, '修改 夜间交易（NIGHT_HOURS）');
  await page.keyboard.press('Enter');
  await tabTo(page, '启用此规则');
  await page.keyboard.press('Space');
  await tabTo(page, '保存修改');
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: /已保存/ })
    .waitFor();
  const row = page.getByRole('table', { name: '风险规则变更记录' }).getByRole('row').filter({ hasText: '夜间交易' }).first();
  await row.waitFor();
  expect((await row.getByRole('cell').allTextContents())[4]).toContain('停用');
  await harness.checkAccessibility(page, 'ops-rules-keyboard');
  await page.context().close();
});

/** A staff member with only `roles`, with the demo operator's password and TOTP secret. */
async function createStaff(username: string, roles: StaffRole[]) {
  const store = harness.platform.store('auth');
  const demo = await store.staffUser.findUniqueOrThrow({ where: { username: DEMO_OPERATOR.username } });
  const id = `staff-${username}`;
  await store.staffUser.create({
    data: {
      id,
      username,
      roles,
      passwordHash: demo.passwordHash,
      totpSecret: encryptField(demoOperatorTotpSecret(), fieldBinding(STAFF_USER, 'totp_secret', id)),
      createdAt: harness.platform.clock.now(),
    },
  });
}

async function signIn(username: string): Promise<Page> {
  const page = await harness.newPage('OPS');
  await page.goto(harness.appUrl('OPS'));
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('动态口令').fill(totpCode());
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  return page;
}

test('screens by role: an operator reads the rules but cannot change them; a risk analyst sees decisions and rules only', async () => {
  nextTotpStep();
  await createStaff('operator', ['OPERATOR']);
  await createStaff('analyst', ['RISK_ANALYST']);
  const links = async (page: Page) => page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents();

  const operator = await signIn('operator');
  await heading(operator).filter({ hasText: '活跃概览' }).waitFor();
  expect(await links(operator)).toEqual(['活跃概览', '行为分析', '日终对账', '风险规则', '技术监控（Grafana，新窗口）']);
  await operator.getByRole('link', { name: '风险规则' }).click();
  await operator.getByRole('table', { name: '当前风险规则' }).getByRole('row').nth(1).waitFor();
  expect(await operator.getByRole('button', { name: /^修改/ }).count()).toBe(0);
  await operator.getByText('规则的修改与变更记录仅对风控分析和管理员开放。').waitFor();
  // A screen the role lacks is not routed: its address falls back to the role's first screen.
  await operator.evaluate(`history.pushState({}, '', '/ops/audit'); dispatchEvent(new PopStateEvent('popstate'))`);
  await heading(operator).filter({ hasText: '活跃概览' }).waitFor();
  await operator.context().close();

  const analyst = await signIn('analyst');
  await heading(analyst).filter({ hasText: '风险决策' }).waitFor();
  expect(await links(analyst)).toEqual(['风险决策', '风险规则', '技术监控（Grafana，新窗口）']);
  await analyst.getByRole('link', { name: '风险规则' }).click();
  await analyst.getByRole('button', { name: '修改 大额交易（LARGE_AMOUNT）' }).waitFor();
  await analyst.getByRole('table', { name: '风险规则变更记录' }).getByRole('row').filter({ hasText: '大额交易' }).first().waitFor();
  await analyst.context().close();
});
