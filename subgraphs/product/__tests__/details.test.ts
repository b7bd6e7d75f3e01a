import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { TEST_CLOCK_START } from '../../../test/support/names';
import { DEMO_PRODUCTS, HISTORY_DAYS } from '../seed';
import { decideSuitability } from '../service/suitability';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const id = (code: string) => DEMO_PRODUCTS.find((product) => product.code === code)!.id;

const DETAIL = `query($id: ID!, $days: Int) { product(id: $id) {
  code nav stepAmount { amount } maxAmount { amount } earlyWithdrawalRate
  saleWindow { startsAt endsAt open } redemption { mode dailyCap { amount } }
  creditCard { cardType annualFee { amount currency } annualFeeWaiver }
  suitability { minimumGrade requiresRiskAssessment agreementCode }
  history(days: $days) { day series value }
} }`;

interface Detail {
  product: {
    code: string;
    nav: string | null;
    stepAmount: { amount: string } | null;
    maxAmount: { amount: string } | null;
    earlyWithdrawalRate: string | null;
    saleWindow: { startsAt: string | null; endsAt: string | null; open: boolean } | null;
    redemption: { mode: string; dailyCap: { amount: string } | null } | null;
    creditCard: { cardType: string; annualFee: { amount: string; currency: string }; annualFeeWaiver: string | null } | null;
    suitability: { minimumGrade: string; requiresRiskAssessment: boolean; agreementCode: string | null };
    history: { day: string; series: string; value: string }[];
  };
}

const SUITABILITY = `query($productId: ID!, $channel: Channel!, $amount: Decimal) {
  productSuitability(productId: $productId, channel: $channel, amount: $amount) { allowed code message agreementCode productRiskLevel }
}`;
interface Suitability {
  productSuitability: { allowed: boolean; code: string | null; agreementCode: string | null; productRiskLevel: string };
}

describe('product details and suitability', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'product'] });
  });
  afterAll(() => platform?.stop());
  afterEach(() => platform.clock.set(TEST_CLOCK_START));

  it('shows a wealth product with NAV, step, sale window, redemption rule and 90 days of NAV history', async () => {
    const { body } = await platform.query<Detail>(DETAIL, { variables: { id: id('WM-WX90') } });
    expect(body.errors).toBeUndefined();
    const product = body.data!.product;
    expect(product).toMatchObject({
      nav: '1.0213',
      stepAmount: { amount: '1000.00' },
      maxAmount: null,
      saleWindow: { startsAt: '2026-10-31T16:00:00.000Z', endsAt: '2026-12-30T16:00:00.000Z', open: true },
      redemption: { mode: 'AT_MATURITY', dailyCap: null },
      creditCard: null,
      suitability: { minimumGrade: 'C2', requiresRiskAssessment: true, agreementCode: 'WEALTH_PRODUCT_SERVICE' },
    });
    expect(product.history).toHaveLength(HISTORY_DAYS);
    expect(product.history.at(-1)).toEqual({ day: '2026-11-25', series: 'NAV', value: '1.0213' });
    expect(product.history[0]!.day).toBe('2026-08-28');
    expect(product.history.every((point) => /^\d+\.\d{4}$/.test(point.value) && point.series === 'NAV')).toBe(true);
    // Oldest first, one point per day.
    expect(new Set(product.history.map((point) => point.day)).size).toBe(HISTORY_DAYS);
    expect([...product.history.map((point) => point.day)].sort()).toEqual(product.history.map((point) => point.day));
    const week = await platform.query<Detail>(DETAIL, { variables: { id: id('WM-WX90'), days: 7 } });
    expect(week.body.data!.product.history.map((point) => point.day)).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
  });

  it('shows deposit, loan and credit-card terms as fixed-scale decimals and Money', async () => {
    const deposit = (await platform.query<Detail>(DETAIL, { variables: { id: id('TD-3Y'), days: 31 } })).body.data!.product;
    expect(deposit).toMatchObject({
      nav: null,
      earlyWithdrawalRate: '0.2000',
      suitability: { minimumGrade: 'C1', requiresRiskAssessment: false },
    });
    // The rate was cut by 0.10 points thirty days ago.
    expect(deposit.history.map((point) => point.value)).toEqual(['2.7000', ...Array(30).fill('2.6000')]);
    const loan = (await platform.query<Detail>(DETAIL, { variables: { id: id('LN-EDAI') } })).body.data!.product;
    expect(loan.maxAmount).toEqual({ amount: '300000.00' });
    const card = (await platform.query<Detail>(DETAIL, { variables: { id: id('CC-PLAT') } })).body.data!.product;
    expect(card.creditCard).toEqual({
      cardType: 'PLATINUM',
      annualFee: { amount: '880.00', currency: 'CNY' },
      annualFeeWaiver: '年消费满10万元免次年年费',
    });
    const bad = await platform.query<Detail>(DETAIL, { variables: { id: id('TD-3Y'), days: 400 } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });

  it('filters by risk level, rate, term and sale window', async () => {
    const list = async (filter: Record<string, unknown>) => {
      const { body } = await platform.query<{ products: { edges: { node: { code: string } }[] } }>(
        `query($filter: ProductFilter) { products(filter: $filter) { edges { node { code } } } }`,
        { channel: 'WEB', variables: { filter } },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.products.edges.map((edge) => edge.node.code);
    };
    expect(await list({ kind: 'WEALTH', maxRiskLevel: 'R2' })).toEqual(['WM-TTL', 'WM-WX90']);
    expect(await list({ kind: 'WEALTH', minRate: '3.85' })).toEqual(['WM-TL180', 'WM-XX365']);
    expect(await list({ kind: 'WEALTH', maxTermDays: 180 })).toEqual(['WM-TL180', 'WM-TTL', 'WM-WX90']);
    // WM-XX365 opens on 1 December; WM-TL180 closes on 10 December.
    expect(await list({ kind: 'WEALTH', inSaleWindow: true })).toEqual(['WM-QY', 'WM-TL180', 'WM-TTL', 'WM-WX90']);
    platform.clock.set('2026-12-15T02:00:00.000Z');
    expect(await list({ kind: 'WEALTH', inSaleWindow: true })).toEqual(['WM-QY', 'WM-TTL', 'WM-WX90', 'WM-XX365']);
    const bad = await platform.query(`query($filter: ProductFilter) { products(filter: $filter) { edges { cursor } } }`, {
      channel: 'WEB',
      variables: { filter: { minRate: '9999999999999' } },
    });
    expect(bad.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.minRate' } }] });
  });

  it('answers finance: grade covers risk level, expired assessments refused, amounts checked', async () => {
    const ask = async (customerId: string, code: string, channel = 'MOBILE_APP', amount?: string) => {
      const { body } = await platform.callCenter<Suitability>('product', SUITABILITY, {
        variables: { productId: id(code), channel, amount },
        as: { service: 'finance', actingFor: customerId, scopes: ['product:suitability:check'] },
      });
      expect(body.errors).toBeUndefined();
      return body.data!.productSuitability;
    };
    // 张晓明 is C3 (valid): R3 yes, R5 no.
    expect(await ask(zhang.id, 'WM-TL180', 'MOBILE_APP', '11000.00')).toEqual({
      allowed: true,
      code: null,
      message: null,
      agreementCode: 'WEALTH_PRODUCT_SERVICE',
      productRiskLevel: 'R3',
    });
    expect(await ask(zhang.id, 'WM-QY')).toMatchObject({ allowed: false, code: 'SUITABILITY_MISMATCH', productRiskLevel: 'R5' });
    // 李秀英's C2 assessment expired on 2026-10-10: even the R1 wealth product needs a valid one; a deposit does not.
    expect(await ask(li.id, 'WM-TTL')).toMatchObject({ allowed: false, code: 'RISK_ASSESSMENT_EXPIRED' });
    expect(await ask(li.id, 'TD-3Y', 'WEB', '50.00')).toMatchObject({ allowed: true });
    // Channel, sale window, minimum and step.
    expect(await ask(zhang.id, 'WM-TL180', 'ALIPAY_MINI')).toMatchObject({ allowed: false, code: 'CHANNEL_NOT_ALLOWED' });
    expect(await ask(zhang.id, 'TD-CD1Y', 'WEB')).toMatchObject({ allowed: false, code: 'PRODUCT_NOT_ON_SALE' });
    expect(await ask(zhang.id, 'WM-WX90', 'WEB', '9999.00')).toMatchObject({ allowed: false, code: 'BAD_USER_INPUT' });
    expect(await ask(zhang.id, 'WM-WX90', 'WEB', '10500.00')).toMatchObject({ allowed: false, code: 'BAD_USER_INPUT' });
    expect(await ask(zhang.id, 'WM-WX90', 'WEB', '12000.00')).toMatchObject({ allowed: true });
    platform.clock.set('2027-05-21T02:00:00.000Z');
    expect(await ask(zhang.id, 'WM-TTL', 'WEB')).toMatchObject({ allowed: false, code: 'RISK_ASSESSMENT_EXPIRED' });
  });

  it('answers suitability only to services with the scope, never to customers', async () => {
    const variables = { productId: id('WM-TTL'), channel: 'WEB' };
    const customer = await platform.callCenter('product', SUITABILITY, { variables, as: { customerId: zhang.id } });
    expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noScope = await platform.callCenter('product', SUITABILITY, {
      variables,
      as: { service: 'finance', actingFor: zhang.id, scopes: [] },
    });
    expect(noScope.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viaGateway = await platform.query(SUITABILITY, { variables });
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('decides without a profile as for an expired one, and never lets a lower grade buy higher risk', () => {
    const now = new Date(TEST_CLOCK_START);
    for (const demo of DEMO_PRODUCTS.filter((product) => product.status === 'ON_SALE')) {
      const full = { ...demo, createdAt: now, updatedAt: now };
      for (const grade of ['C1', 'C2', 'C3', 'C4', 'C5'] as const) {
        const decision = decideSuitability(full, {
          profile: { grade, expired: false },
          channel: 'WEB',
          now: new Date('2026-12-05T00:00:00.000Z'),
        });
        if (decision.allowed) expect(Number(grade.slice(1))).toBeGreaterThanOrEqual(Number(demo.riskLevel.slice(1)));
      }
      const none = decideSuitability(full, { profile: null, channel: 'WEB', now });
      if (demo.riskLevel !== 'R1' || demo.requiresAssessment) expect(none.allowed).toBe(false);
    }
  });
});
