import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [, zhangClassII, zhangClassIII] = zhang.accounts;

interface LimitRow {
  scope: string;
  accountClass: string | null;
  accountId: string | null;
  channel: string | null;
  period: string;
  amount: { amount: string; currency: string };
  source: string;
}

const LIMIT_FIELDS = 'scope accountClass accountId channel period amount { amount currency } source';
const ME_LIMITS = `{ me { id limits { ${LIMIT_FIELDS} } } }`;

/** `scope channel-or-class@account period amount source`, so expectations read like a table. */
const rows = (limits: LimitRow[]) =>
  limits.map((l) => `${l.scope} ${l.channel ?? `${l.accountClass}@${l.accountId}`} ${l.period} ${l.amount.amount} ${l.source}`);

describe('limits center', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('gives a mobile-app customer the app limits (lowered daily applied) and the PBOC class II/III limits', async () => {
    const token = await platform.login(zhang.mobile, 'MOBILE_APP');
    const { body } = await platform.query<{ me: { id: string; limits: LimitRow[] } }>(ME_LIMITS, { token, channel: 'MOBILE_APP' });
    expect(body.errors).toBeUndefined();
    expect(rows(body.data!.me.limits)).toEqual([
      'CHANNEL MOBILE_APP SINGLE 100000.00 BANK',
      // 张晓明 lowered his app daily limit from the bank's 200,000.00.
      'CUSTOMER MOBILE_APP DAILY 100000.00 CUSTOMER',
      `ACCOUNT_CLASS II@${zhangClassII!.id} DAILY 10000.00 BANK`,
      `ACCOUNT_CLASS II@${zhangClassII!.id} YEARLY 200000.00 BANK`,
      `ACCOUNT_CLASS III@${zhangClassIII!.id} DAILY 2000.00 BANK`,
      `ACCOUNT_CLASS III@${zhangClassIII!.id} YEARLY 50000.00 BANK`,
      `ACCOUNT_CLASS III@${zhangClassIII!.id} BALANCE 2000.00 BANK`,
    ]);
    expect(body.data!.me.limits.every((limit) => limit.amount.currency === 'CNY')).toBe(true);
  });

  it('gives a WeChat mini-program caller the mini-program limits', async () => {
    const token = await platform.login(zhang.mobile, 'WECHAT_MINI');
    const { body } = await platform.query<{ limits: LimitRow[] }>(`{ limits { ${LIMIT_FIELDS} } }`, { token, channel: 'WECHAT_MINI' });
    expect(body.errors).toBeUndefined();
    expect(rows(body.data!.limits).filter((row) => !row.startsWith('ACCOUNT_CLASS'))).toEqual([
      'CHANNEL WECHAT_MINI SINGLE 5000.00 BANK',
      'CHANNEL WECHAT_MINI DAILY 20000.00 BANK',
    ]);
  });

  it('gives a class I-only customer channel limits and no class limit', async () => {
    const token = await platform.login(li.mobile, 'MOBILE_APP');
    const { body } = await platform.query<{ me: { limits: LimitRow[] } }>(ME_LIMITS, { token, channel: 'MOBILE_APP' });
    expect(body.errors).toBeUndefined();
    expect(rows(body.data!.me.limits)).toEqual(['CHANNEL MOBILE_APP SINGLE 100000.00 BANK', 'CHANNEL MOBILE_APP DAILY 200000.00 BANK']);
  });

  it('lists the signed agreements of each demo customer', async () => {
    const query = '{ me { agreements { templateCode version title kind channel signedAt } } }';
    const zhangAgreements = await platform.query<{
      me: { agreements: { templateCode: string; kind: string; channel: string; signedAt: string }[] };
    }>(query, {
      token: await platform.login(zhang.mobile),
    });
    expect(zhangAgreements.body.errors).toBeUndefined();
    expect(zhangAgreements.body.data!.me.agreements).toEqual([
      {
        templateCode: 'ELECTRONIC_ACCOUNT_SERVICE',
        version: '2026.1',
        title: '个人银行账户及电子账户服务协议',
        kind: 'ELECTRONIC_ACCOUNT',
        channel: 'MOBILE_APP',
        signedAt: '2026-11-01T01:00:00.000Z',
      },
      {
        templateCode: 'WEALTH_PRODUCT_SERVICE',
        version: '2026.1',
        title: '个人理财产品销售服务协议',
        kind: 'WEALTH_PRODUCT',
        channel: 'WEB',
        signedAt: '2026-05-20T02:05:00.000Z',
      },
    ]);
    const liAgreements = await platform.query<{ me: { agreements: { templateCode: string }[] } }>(query, {
      token: await platform.login(li.mobile),
    });
    expect(liAgreements.body.data!.me.agreements.map((signed) => signed.templateCode)).toEqual(['ELECTRONIC_ACCOUNT_SERVICE']);
  });

  it("refuses another customer's limits and agreements through _entities with FORBIDDEN", async () => {
    for (const field of ['limits { period }', 'agreements { id }']) {
      const { body } = await platform.callCenter(
        'limits',
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${field} } } }`,
        {
          variables: { r: [{ __typename: 'User', id: li.id }] },
          as: { customerId: zhang.id },
        },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body.data ?? null)).not.toContain('period');
    }
  });

  it('asks the account center once per request and reads the rules in one statement', async () => {
    const accountBefore = platform.centers.account!.statements.count;
    const limitsBefore = platform.centers.limits!.statements.count;
    const { body } = await platform.callCenter<{ _entities: { limits: unknown[] }[]; limits: unknown[] }>(
      'limits',
      `query($r: [_Any!]!) { limits { period } _entities(representations: $r) { ... on User { limits { period } again: limits { amount { amount } } } } }`,
      { variables: { r: [{ __typename: 'User', id: zhang.id }] }, as: { customerId: zhang.id, channel: 'WEB' } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.limits).toHaveLength(7);
    // One customerAccountClasses call → one statement in the account center; rules + customer limits here.
    expect(platform.centers.account!.statements.count - accountBefore).toBe(1);
    expect(platform.centers.limits!.statements.count - limitsBefore).toBe(2);
  });

  it('requires a signed-in customer for limits but shows agreement texts to anyone', async () => {
    const limits = await platform.callCenter('limits', '{ limits { period } }', { as: 'anonymous' });
    expect(limits.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const templates = await platform.callCenter<{ agreementTemplates: { code: string }[] }>(
      'limits',
      '{ agreementTemplates(kind: WEALTH_PRODUCT) { code version title } }',
      { as: 'anonymous' },
    );
    expect(templates.body.data!.agreementTemplates).toEqual([
      { code: 'WEALTH_PRODUCT_SERVICE', version: '2026.1', title: '个人理财产品销售服务协议' },
    ]);
  });

  it('refuses a direct call without a credential', async () => {
    const { status } = await platform.callCenter('limits', '{ limits { period } }', { as: 'none' });
    expect(status).toBe(401);
  });
});
