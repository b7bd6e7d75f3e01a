/**
 * subscribeWealthProduct through the gateway: a suitable purchase with a coupon debits the customer
 * the paid amount and MARKETING_EXPENSE the discount, credits PRODUCT_CUSTODY the full price, and
 * writes one holding (shares from NAV); the coupon is used once; the agreement must be the product's
 * exact template code;
 * (also under concurrent purchases); refusals (expired assessment, missing agreement, risk level
 * above the grade) write nothing.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as LimitsPrisma } from '../../subgraphs/limits/__generated__/prisma/client';
import { balances, ledgerAudit, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // R2, NAV 1.0213, from 10,000.00 step 1,000.00
const GROWTH_365 = 'd0a80001-0000-4000-8000-000000000104'; // R4, on sale from 2026-12-01
const FESTIVAL_COUPON = 'e0a80001-0000-4000-8000-000000000301'; // 50.00 off from 10,000.00, claimed by 张晓明

const SUBSCRIBE = `mutation($input: SubscribeWealthProductInput!) {
  subscribeWealthProduct(input: $input) {
    order { id kind status amount { amount } failureReason }
    holding { productId productName amount { amount } discount { amount } nav shares }
    discount { amount }
  }
}`;

interface Answer {
  subscribeWealthProduct: {
    order: { id: string; kind: string; status: string; amount: { amount: string }; failureReason: string | null };
    holding: {
      productId: string;
      productName: string;
      amount: { amount: string };
      discount: { amount: string };
      nav: string;
      shares: string;
    } | null;
    discount: { amount: string };
  };
}

describe('subscribeWealthProduct', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let limits: LimitsPrisma;
  let account: AccountPrisma;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    limits = platform.store('limits');
    account = platform.store('account');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const subscribe = (token: string, input: Record<string, unknown>) => platform.query<Answer>(SUBSCRIBE, { token, variables: { input } });
  const ordersOf = (ownerId: string) => finance.order.count({ where: { ownerId } });
  const gl = async (id: string) => (await account.account.findUniqueOrThrow({ where: { id } })).balance;

  it('buys a suitable product with a coupon: custody receives the full price (discount from marketing expense), one holding, coupon used once', async () => {
    const token = await platform.login(zhang.mobile);
    const before = await balances(platform, token);
    const auditBefore = await ledgerAudit(platform);
    const custodyBefore = await gl('gl-product-custody');
    const marketingBefore = await gl('gl-marketing-expense');
    const key = newKey('wealth');
    const input = {
      productId: STEADY_90,
      sourceAccountId: zhang.accounts[0]!.id,
      amount: '10000.00',
      couponId: FESTIVAL_COUPON,
      idempotencyKey: key,
    };
    const { body } = await subscribe(token, input);
    expect(body.errors).toBeUndefined();
    const result = body.data!.subscribeWealthProduct;
    expect(result.order).toMatchObject({ kind: 'WEALTH_PURCHASE', status: 'COMPLETED', amount: { amount: '9950.00' } });
    expect(result.discount).toEqual({ amount: '50.00' });
    // 10,000.00 / 1.0213 = 9791.441… → 9791.44 shares.
    expect(result.holding).toEqual({
      productId: STEADY_90,
      productName: expect.any(String),
      amount: { amount: '10000.00' },
      discount: { amount: '50.00' },
      nav: '1.0213',
      shares: '9791.44',
    });

    const replay = await subscribe(token, input);
    expect(replay.body.data!.subscribeWealthProduct).toEqual(result);
    // The ALLOW decision is recorded by the order's CREATED → RESERVED statement, not a write of its own.
    expect(
      await finance.order.findFirstOrThrow({
        where: { ownerId: zhang.id, idempotencyKey: key },
        select: { riskDecision: true, riskDecisionId: true },
      }),
    ).toEqual({ riskDecision: 'ALLOW', riskDecisionId: expect.any(String) });

    const after = await balances(platform, token);
    expect(Math.round((Number(before[zhang.accounts[0]!.id]) - Number(after[zhang.accounts[0]!.id])) * 100)).toBe(9950_00);
    expect(await ledgerAudit(platform)).toMatchObject({
      sumOfAllBalances: auditBefore.sumOfAllBalances,
      unbalancedEntries: 0,
      duplicatePostings: 0,
    });
    // The customer paid 9,950.00; custody holds the full 10,000.00 the shares were bought for.
    expect((await gl('gl-product-custody')) - custodyBefore).toBe(10_000_00n);
    expect(marketingBefore - (await gl('gl-marketing-expense'))).toBe(50_00n);
    const entry = await account.journalEntry.findUniqueOrThrow({
      where: { orderId_phase: { orderId: result.order.id, phase: 'FORWARD' } },
      include: { postings: true },
    });
    expect(entry.postings.map((posting) => posting.amount).sort()).toEqual([-9_950_00n, -50_00n, 10_000_00n].sort());

    // The coupon is spent: a second purchase with it is rejected and moves nothing.
    const again = await subscribe(token, { ...input, idempotencyKey: newKey('wealth') });
    expect(again.body.data!.subscribeWealthProduct.order.status).toBe('REJECTED');
    expect(again.body.data!.subscribeWealthProduct.holding).toBeNull();
    expect(await balances(platform, token)).toEqual(after);

    const holdings = await platform.query<{ me: { holdings: { productId: string; shares: string }[] } }>(
      '{ me { holdings { productId shares } } }',
      { token },
    );
    expect(holdings.body.data!.me.holdings).toEqual([{ productId: STEADY_90, shares: '9791.44' }]);
  });

  it('a coupon used by concurrent purchases discounts exactly one of them', async () => {
    const token = await platform.login(zhang.mobile);
    const account = zhang.accounts[0]!.id;
    const before = await balances(platform, token);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        subscribe(token, {
          productId: STEADY_90,
          sourceAccountId: account,
          amount: '11000.00',
          couponId: 'e0a80001-0000-4000-8000-000000000302',
          idempotencyKey: newKey('race'),
        }),
      ),
    );
    const results = answers.map((answer) => answer.body.data!.subscribeWealthProduct);
    const completed = results.filter((result) => result.order.status === 'COMPLETED');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.discount).toEqual({ amount: '10.00' });
    expect(results.filter((result) => result.order.status === 'REJECTED')).toHaveLength(3);
    const after = await balances(platform, token);
    expect(Math.round((Number(before[account]) - Number(after[account])) * 100)).toBe(10_990_00);
  });

  it('the day of discounted purchases reconciles clean (entry = paid + discount)', async () => {
    const report = await reconciliation(platform, shanghaiToday(platform));
    expect(report.data?.reconciliationReport.ordersChecked).toBeGreaterThan(0);
    expect(report.data?.reconciliationReport.mismatches).toEqual([]);
  });

  it('李秀英, whose risk assessment expired, gets RISK_ASSESSMENT_EXPIRED and nothing is written', async () => {
    const token = await platform.login(li.mobile);
    const ordersBefore = await ordersOf(li.id);
    const { body } = await subscribe(token, {
      productId: STEADY_90,
      sourceAccountId: li.accounts[0]!.id,
      amount: '10000.00',
      idempotencyKey: newKey('expired'),
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('RISK_ASSESSMENT_EXPIRED');
    expect(await ordersOf(li.id)).toBe(ordersBefore);
  });

  it('an unsigned wealth agreement is AGREEMENT_REQUIRED, nothing written', async () => {
    const token = await platform.login(zhang.mobile);
    const signed = await limits.signedAgreement.findMany({ where: { customerId: zhang.id, templateCode: 'WEALTH_PRODUCT_SERVICE' } });
    await limits.signedAgreement.deleteMany({ where: { id: { in: signed.map((row) => row.id) } } });
    try {
      const ordersBefore = await ordersOf(zhang.id);
      const { body } = await subscribe(token, {
        productId: STEADY_90,
        sourceAccountId: zhang.accounts[0]!.id,
        amount: '11000.00',
        idempotencyKey: newKey('agreement'),
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('AGREEMENT_REQUIRED');
      expect(await ordersOf(zhang.id)).toBe(ordersBefore);
    } finally {
      await limits.signedAgreement.createMany({ data: signed });
    }
  });

  it("a signed wealth agreement under another template code is not the product's agreement: AGREEMENT_REQUIRED", async () => {
    const token = await platform.login(zhang.mobile);
    const signed = await limits.signedAgreement.findMany({ where: { customerId: zhang.id, templateCode: 'WEALTH_PRODUCT_SERVICE' } });
    await limits.agreementTemplate.create({
      data: {
        code: 'WEALTH_PRODUCT_SERVICE_2025',
        version: '2025.1',
        title: '个人理财产品销售服务协议（旧版）',
        kind: 'WEALTH_PRODUCT',
        effectiveAt: new Date('2025-01-01T00:00:00.000+08:00'),
        content: '个人理财产品销售服务协议（旧版）全文',
      },
    });
    await limits.signedAgreement.create({
      data: {
        customerId: zhang.id,
        templateCode: 'WEALTH_PRODUCT_SERVICE_2025',
        templateVersion: '2025.1',
        signedAt: new Date('2025-05-20T02:05:00.000Z'),
        channel: 'WEB',
      },
    });
    await limits.signedAgreement.deleteMany({ where: { id: { in: signed.map((row) => row.id) } } });
    try {
      const ordersBefore = await ordersOf(zhang.id);
      const { body } = await subscribe(token, {
        productId: STEADY_90,
        sourceAccountId: zhang.accounts[0]!.id,
        amount: '11000.00',
        idempotencyKey: newKey('agreement'),
      });
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'AGREEMENT_REQUIRED',
        field: 'input.productId',
        agreementCode: 'WEALTH_PRODUCT_SERVICE',
      });
      expect(await ordersOf(zhang.id)).toBe(ordersBefore);
    } finally {
      await limits.signedAgreement.createMany({ data: signed });
    }
  });

  it('an R4 product for a C3 customer is SUITABILITY_MISMATCH, nothing written', async () => {
    // The R4 product's sale window opens on 2026-12-01.
    const target = new Date('2026-12-02T02:00:00.000Z').getTime();
    if (platform.clock.now().getTime() < target) platform.clock.advance(target - platform.clock.now().getTime());
    const token = await platform.login(zhang.mobile);
    const ordersBefore = await ordersOf(zhang.id);
    const { body } = await subscribe(token, {
      productId: GROWTH_365,
      sourceAccountId: zhang.accounts[0]!.id,
      amount: '50000.00',
      idempotencyKey: newKey('mismatch'),
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('SUITABILITY_MISMATCH');
    expect(await ordersOf(zhang.id)).toBe(ordersBefore);
  });
});
