/**
 * Each channel does what its manifest promises, by document id, with trusted documents enforced in
 * production mode: the mini-programs and WeChat banking buy what the catalogue sells on them (and
 * nothing else), web banking sends behavior events and reads its inbox, coupons and accounts, and the
 * operations console reads the analytics.
 */
import { generateSync } from 'otplib';
import { documentId, readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { ChannelName } from '../../platform/identity/identity';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const DAILY_INCOME = 'd0a80001-0000-4000-8000-000000000101'; // 丰收天天利, wealth R1, every channel
const THREE_YEAR_DEPOSIT = 'd0a80001-0000-4000-8000-000000000105'; // time deposit, not on the mini-programs
const E_LOAN = 'd0a80001-0000-4000-8000-000000000107'; // loan: web, app, WeChat mini-program and banking
const GOLD_CARD = 'd0a80001-0000-4000-8000-000000000108'; // credit card: web, app, WeChat banking

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ production: true, gateway: { trustedDocuments: true } });
});
afterAll(() => platform.stop());

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Sends the channel's own document of that name by id, as the channel's app does. */
async function run(
  channel: ChannelName,
  operationName: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string>; asChannel?: ChannelName } = {},
): Promise<Answer> {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-channel': options.asChannel ?? channel,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ documentId: documentId(readOperationDocument(channel, operationName)), variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}
const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);
const key = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 12)}`;

async function signIn(channel: Exclude<ChannelName, 'OPS'>, customer = zhang): Promise<string> {
  const proof = await platform.demoDeviceProof(customer.mobile, channel);
  const input = {
    mobile: customer.mobile,
    password: DEMO_PASSWORD,
    device: { deviceId: customer.deviceId, platform: 'ANDROID' },
    deviceProof: proof.deviceProof,
  };
  const answer = await run(channel, 'Login', { variables: { input }, headers: proof.headers });
  const token = answer.body.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`${channel} sign-in failed: ${JSON.stringify(answer.body.errors)}`);
  return token;
}

test.each(['ALIPAY_MINI', 'WECHAT_MINI'] as const)('%s buys a wealth product it sells and sees the holding', async (channel) => {
  const token = await signIn(channel);
  const products = await run(channel, 'Products', { token });
  expect(codes(products)).toEqual([]);
  const ids = products.body.data.products.edges.map((edge: { node: { id: string } }) => edge.node.id);
  expect(ids).toContain(DAILY_INCOME);
  expect(ids).not.toContain(THREE_YEAR_DEPOSIT);
  const detail = await run(channel, 'ProductDetail', { token, variables: { id: DAILY_INCOME } });
  expect(detail.body.data.product.suitability).toBeTruthy();

  const input = { productId: DAILY_INCOME, sourceAccountId: zhang.accounts[0]!.id, amount: '100.00', idempotencyKey: key('mini-wealth') };
  const bought = await run(channel, 'SubscribeWealthProduct', { token, variables: { input } });
  expect(codes(bought)).toEqual([]);
  expect(bought.body.data.subscribeWealthProduct.order.status).toBe('COMPLETED');
  const holdings = await run(channel, 'Holdings', { token });
  expect(holdings.body.data.me.holdings.map((holding: { productId: string }) => holding.productId)).toContain(DAILY_INCOME);
});

test('ALIPAY_MINI has no time-deposit or loan document: the web documents are not found there', async () => {
  const token = await signIn('ALIPAY_MINI');
  for (const operation of ['OpenTimeDeposit', 'ApplyForLoan', 'ApplyForCreditCard']) {
    const answer = await run('WEB', operation, { token, asChannel: 'ALIPAY_MINI', variables: { input: {} } });
    expect([operation, codes(answer)]).toEqual([operation, ['PERSISTED_QUERY_NOT_FOUND']]);
  }
});

test('WECHAT_MINI applies for a loan and reads the application', async () => {
  const token = await signIn('WECHAT_MINI');
  const input = { productId: E_LOAN, amount: '5000.00', termMonths: 12, purpose: 'CONSUMPTION', idempotencyKey: key('mini-loan') };
  const applied = await run('WECHAT_MINI', 'ApplyForLoan', { token, variables: { input } });
  expect(codes(applied)).toEqual([]);
  const application = await run('WECHAT_MINI', 'LoanApplication', { token, variables: { id: applied.body.data.applyForLoan.id } });
  expect(codes(application)).toEqual([]);
  expect(application.body.data.loanApplication).toMatchObject({ id: applied.body.data.applyForLoan.id, productId: E_LOAN });
});

test('WECHAT_BANKING opens a time deposit and applies for a credit card', async () => {
  const token = await signIn('WECHAT_BANKING');
  const deposit = {
    productId: THREE_YEAR_DEPOSIT,
    sourceAccountId: zhang.accounts[0]!.id,
    amount: '100.00',
    idempotencyKey: key('wb-deposit'),
  };
  const opened = await run('WECHAT_BANKING', 'OpenTimeDeposit', { token, variables: { input: deposit } });
  expect(codes(opened)).toEqual([]);
  expect(opened.body.data.openTimeDeposit.order.status).toBe('COMPLETED');
  const deposits = await run('WECHAT_BANKING', 'TimeDeposits', { token });
  expect(deposits.body.data.me.timeDeposits.map((held: { productId: string }) => held.productId)).toContain(THREE_YEAR_DEPOSIT);
  const card = await run('WECHAT_BANKING', 'ApplyForCreditCard', {
    token,
    variables: { input: { productId: GOLD_CARD, idempotencyKey: key('wb-card') } },
  });
  expect(codes(card)).toEqual([]);
  expect(card.body.data.applyForCreditCard.productName).toBe('丰收信用卡金卡');
});

test('WEB sends behavior events and shows accounts, inbox, campaigns and coupons', async () => {
  const token = await signIn('WEB');
  const now = platform.clock.now().toISOString();
  const events = [
    { clientEventId: key('web-event'), type: 'PAGE_VIEW', occurredAt: now, sessionId: 'web-session-1', page: 'home' },
    {
      clientEventId: key('web-event'),
      type: 'PRODUCT_VIEW',
      occurredAt: now,
      sessionId: 'web-session-1',
      page: 'product',
      productId: DAILY_INCOME,
    },
  ];
  const tracked = await run('WEB', 'TrackEvents', { token, variables: { events } });
  expect(codes(tracked)).toEqual([]);
  expect(tracked.body.data.trackEvents).toEqual({ accepted: 2, duplicates: 0 });

  const accounts = await run('WEB', 'Accounts', { token });
  expect(accounts.body.data.accounts.map((account: { id: string }) => account.id)).toEqual(
    expect.arrayContaining(zhang.accounts.map((account) => account.id)),
  );
  for (const operation of ['Inbox', 'Campaigns', 'MyCoupons', 'HomeScreen']) {
    const answer = await run('WEB', operation, { token });
    expect([operation, codes(answer)]).toEqual([operation, []]);
  }
});

test('WECHAT_MINI shows a campaign of its own and claims its coupon', async () => {
  const welcome = 'e0a80001-0000-4000-8000-000000000202'; // WeChat channels, new customers (李秀英)
  const token = await signIn('WECHAT_MINI', li);
  const campaigns = await run('WECHAT_MINI', 'Campaigns', { token });
  expect(campaigns.body.data.campaigns.map((campaign: { id: string }) => campaign.id)).toContain(welcome);
  const claimed = await run('WECHAT_MINI', 'ClaimCoupon', { token, variables: { campaignId: welcome } });
  expect(codes(claimed)).toEqual([]);
  expect(claimed.body.data.claimCoupon).toMatchObject({ status: 'CLAIMED', campaign: { id: welcome } });
  const mine = await run('WECHAT_MINI', 'MyCoupons', { token });
  expect(mine.body.data.me.coupons.map((coupon: { id: string }) => coupon.id)).toContain(claimed.body.data.claimCoupon.id);
});

test('OPS reads actives, sessions, page flows, preferences and funnels through its documents', async () => {
  const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
  const login = await run('OPS', 'StaffLogin', { variables: { input: { username: 'ops', password: DEMO_PASSWORD, totpCode } } });
  const token = login.body.data?.staffLogin?.accessToken as string;
  expect(token).toBeTruthy();
  const day = platform.clock.now().toISOString().slice(0, 10);
  const range = { from: day, to: day };
  const answers = {
    DailyActiveCustomers: await run('OPS', 'DailyActiveCustomers', { token, variables: range }),
    MonthlyActiveCustomers: await run('OPS', 'MonthlyActiveCustomers', { token, variables: { month: day.slice(0, 7) } }),
    SessionStats: await run('OPS', 'SessionStats', { token, variables: range }),
    PageFlows: await run('OPS', 'PageFlows', { token, variables: { ...range, channel: 'WEB' } }),
    ProductPreferences: await run('OPS', 'ProductPreferences', { token, variables: range }),
    ConversionFunnel: await run('OPS', 'ConversionFunnel', { token, variables: range }),
  };
  for (const [operation, answer] of Object.entries(answers)) {
    expect([operation, codes(answer)]).toEqual([operation, []]);
    expect([operation, Array.isArray(Object.values(answer.body.data)[0])]).toEqual([operation, true]);
  }
  // A customer's token is refused by the staff queries.
  const customer = await signIn('WEB');
  const refused = await run('OPS', 'DailyActiveCustomers', { token: customer, variables: range, asChannel: 'WEB' });
  expect(codes(refused)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
});
