import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';

/** The mobile app's home-screen operation, run as the app sends it, against seeded data. */
const HOME_SCREEN = readOperationDocument('MOBILE_APP', 'HomeScreen');

interface HomeScreen {
  me: {
    name: string;
    riskAssessment: { grade: string; expired: boolean };
    accounts: {
      accountClass: string;
      status: string;
      balance: { amount: string; currency: string };
      availableBalance: { amount: string };
    }[];
    limits: {
      scope: string;
      accountClass: string | null;
      channel: string | null;
      period: string;
      source: string;
      amount: { amount: string };
    }[];
    points: { balance: number };
    coupons: { status: string; faceValue: { amount: string } }[];
    recommendedProducts: { reason: string; product: { id: string; name: string; riskLevel: string; rate: string } }[];
  };
  campaigns: { title: string }[];
}

let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

test("the home screen shows 13800000001's accounts, limits, points, coupons and suitable products", async () => {
  const token = await platform.login(zhang!.mobile);
  const { status, body } = await platform.query<HomeScreen>(HOME_SCREEN, { token });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const me = body.data!.me;

  expect(me.name).toBe('张晓明');
  expect(me.riskAssessment).toEqual({ grade: 'C3', expired: false });
  expect(me.accounts.map((account) => [account.accountClass, account.balance.amount, account.availableBalance.amount])).toEqual([
    ['I', '100000.00', '100000.00'],
    ['II', '5000.00', '5000.00'],
    ['III', '500.00', '500.00'],
  ]);
  expect(me.accounts.every((account) => account.balance.currency === 'CNY' && account.status === 'ACTIVE')).toBe(true);

  const limit = (scope: string, period: string, accountClass: string | null = null) =>
    me.limits.find((entry) => entry.scope === scope && entry.period === period && entry.accountClass === accountClass)?.amount.amount;
  expect(limit('ACCOUNT_CLASS', 'DAILY', 'II')).toBe('10000.00');
  expect(limit('ACCOUNT_CLASS', 'YEARLY', 'II')).toBe('200000.00');
  expect(limit('ACCOUNT_CLASS', 'BALANCE', 'III')).toBe('2000.00');
  expect(me.limits.filter((entry) => entry.channel !== null).every((entry) => entry.channel === 'MOBILE_APP')).toBe(true);

  expect(me.points.balance).toBe(1280);
  expect(me.coupons.length).toBeGreaterThan(0);

  // C3 may buy R1–R3 only; every recommendation says why.
  expect(me.recommendedProducts.length).toBeGreaterThan(0);
  for (const recommendation of me.recommendedProducts) {
    expect(['R1', 'R2', 'R3']).toContain(recommendation.product.riskLevel);
    expect(recommendation.reason).not.toBe('');
    expect(recommendation.product.rate).toMatch(/^\d+\.\d{4}$/);
  }
  expect(body.data!.campaigns.length).toBeGreaterThan(0);
});

test('the home screen costs a constant number of SQL statements', async () => {
  const zhangToken = await platform.login(zhang!.mobile);
  const liToken = await platform.login(li!.mobile);

  const measure = async (token: string) => {
    const before = platform.statementCount();
    const { body } = await platform.query<HomeScreen>(HOME_SCREEN, { token });
    expect(body.errors).toBeUndefined();
    return platform.statementCount() - before;
  };
  const zhangStatements = await measure(zhangToken);
  const liStatements = await measure(liToken);
  // Three accounts or one, the same statements: one per entity type, never one per entity.
  expect(zhangStatements).toBe(liStatements);
  expect(zhangStatements).toBeLessThanOrEqual(12);
  console.log(`home screen: ${zhangStatements} SQL statements`);
});

test('another customer sees only their own home screen', async () => {
  const token = await platform.login(li!.mobile);
  const { body } = await platform.query<HomeScreen>(HOME_SCREEN, { token });
  expect(body.data!.me.name).toBe('李秀英');
  expect(body.data!.me.accounts.map((account) => account.balance.amount)).toEqual(['20000.00']);
  // Her risk assessment expired on 2026-10-10: only R1 products may be recommended.
  expect(body.data!.me.riskAssessment.expired).toBe(true);
  expect(body.data!.me.recommendedProducts.every((recommendation) => recommendation.product.riskLevel === 'R1')).toBe(true);
});
