import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { TEST_CLOCK_START } from '../../../test/support/names';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

const CAMPAIGNS = `query($channel: Channel) { campaigns(channel: $channel) { id title channels startsAt endsAt status } }`;
const titles = (data: { campaigns: { title: string }[] } | null | undefined) => data?.campaigns.map((campaign) => campaign.title);

const MY_MARKETING = `query($first: Int) { me {
  coupons { id title faceValue { amount currency } minimumSpend { amount } status expiresAt campaign { title } }
  points { balance updatedAt }
  recommendedProducts(first: $first) { reason product { id code name riskLevel } }
} }`;

interface MyMarketing {
  me: {
    coupons: {
      id: string;
      title: string;
      faceValue: { amount: string; currency: string };
      minimumSpend: { amount: string };
      status: string;
      expiresAt: string;
      campaign: { title: string } | null;
    }[];
    points: { balance: number; updatedAt: string | null };
    recommendedProducts: { reason: string; product: { id: string; code: string; name: string; riskLevel: string } }[];
  };
}

const RANK: Record<string, number> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

const USER_ENTITY = (fields: string) => `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id ${fields} } }
}`;

describe('marketing center', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'product', 'marketing'] });
  });
  afterAll(() => platform?.stop());
  afterEach(() => platform.clock.set(TEST_CLOCK_START));

  it("shows the campaigns running now on the caller's channel, by the platform clock", async () => {
    const web = await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'WEB' });
    expect(web.body.errors).toBeUndefined();
    expect(web.body.data!.campaigns).toEqual([
      {
        id: 'e0a80001-0000-4000-8000-000000000201',
        title: '双十二理财节',
        channels: ['WEB', 'MOBILE_APP'],
        startsAt: '2026-11-19T16:00:00.000Z',
        endsAt: '2026-12-31T16:00:00.000Z',
        status: 'PUBLISHED',
      },
    ]);
    expect(titles((await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'WECHAT_MINI' })).body.data)).toEqual([
      '微信新客礼',
    ]);
    // The Alipay campaign starts on 1 December.
    expect(titles((await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'ALIPAY_MINI' })).body.data)).toEqual([]);
    platform.clock.set('2026-12-02T02:00:00.000Z');
    expect(titles((await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'ALIPAY_MINI' })).body.data)).toEqual([
      '支付宝小程序缴费立减',
    ]);
    expect(titles((await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'MOBILE_APP' })).body.data)).toEqual([
      '双十二理财节',
      '支付宝小程序缴费立减',
    ]);
    // An explicit channel wins over the caller's.
    expect(
      titles(
        (await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'WEB', variables: { channel: 'WECHAT_BANKING' } }))
          .body.data,
      ),
    ).toEqual(['微信新客礼']);
    platform.clock.set('2027-02-01T00:00:00.000Z');
    expect(titles((await platform.query<{ campaigns: { title: string }[] }>(CAMPAIGNS, { channel: 'WECHAT_MINI' })).body.data)).toEqual([]);
  });

  it("shows the customer's coupons, usable first, expired ones by the clock, and points", async () => {
    const token = await platform.login(zhang.mobile);
    const { body } = await platform.query<MyMarketing>(MY_MARKETING, { token });
    expect(body.errors).toBeUndefined();
    expect(
      body.data!.me.coupons.map((coupon) => [
        coupon.title,
        coupon.status,
        coupon.faceValue.amount,
        coupon.minimumSpend.amount,
        coupon.campaign?.title,
      ]),
    ).toEqual([
      ['理财体验券50元', 'CLAIMED', '50.00', '10000.00', '双十二理财节'],
      ['满100减10', 'ISSUED', '10.00', '100.00', '双十二理财节'],
      ['生活缴费券20元', 'EXPIRED', '20.00', '50.00', '微信新客礼'],
    ]);
    expect(body.data!.me.coupons[0]!.faceValue.currency).toBe('CNY');
    expect(body.data!.me.points).toEqual({ balance: 1280, updatedAt: '2026-11-18T08:00:00.000Z' });

    const liToken = await platform.login(li.mobile);
    const liView = await platform.query<MyMarketing>(MY_MARKETING, { token: liToken });
    expect(liView.body.data!.me.coupons.map((coupon) => [coupon.title, coupon.status])).toEqual([
      ['缴费满50减5', 'ISSUED'],
      ['生活缴费券20元', 'REDEEMED'],
    ]);
    expect(liView.body.data!.me.points.balance).toBe(660);
  });

  it("recommends only products within the customer's risk grade, sold on the channel", async () => {
    // 张晓明 is C3 (valid until 2027-05-20): R1..R3, never the R4 product, best first.
    const token = await platform.login(zhang.mobile);
    const all = await platform.query<MyMarketing>(MY_MARKETING, { token, variables: { first: 10 } });
    expect(all.body.errors).toBeUndefined();
    const recommended = all.body.data!.me.recommendedProducts;
    // The 双十二理财节 campaign promotes wealth products on the app: they come first.
    expect(recommended.map((item) => item.product.code)).toEqual(['WM-TL180', 'WM-WX90', 'WM-TTL', 'TD-3Y']);
    expect(recommended.every((item) => RANK[item.product.riskLevel]! <= 3)).toBe(true);
    expect(recommended[0]).toEqual({
      reason: '「双十二理财节」进行中 · 固收打底，适度增强收益',
      product: { id: 'd0a80001-0000-4000-8000-000000000103', code: 'WM-TL180', name: '丰收添利180天', riskLevel: 'R3' },
    });
    // Default: three.
    const top = await platform.query<MyMarketing>(MY_MARKETING, { token });
    expect(top.body.data!.me.recommendedProducts.map((item) => item.product.code)).toEqual(['WM-TL180', 'WM-WX90', 'WM-TTL']);

    // On the Alipay mini-program, only what that channel sells.
    const alipayToken = await platform.login(zhang.mobile, 'ALIPAY_MINI');
    const alipay = await platform.query<MyMarketing>(MY_MARKETING, {
      token: alipayToken,
      channel: 'ALIPAY_MINI',
      variables: { first: 10 },
    });
    expect(alipay.body.errors).toBeUndefined();
    expect(alipay.body.data!.me.recommendedProducts.map((item) => item.product.code)).toEqual(['WM-WX90', 'WM-TTL']);
  });

  it('recommends only R1 products when the risk assessment has expired', async () => {
    // 李秀英 is C2, but her assessment expired on 2026-10-10.
    const liToken = await platform.login(li.mobile);
    const li2 = await platform.query<MyMarketing>(MY_MARKETING, { token: liToken, variables: { first: 10 } });
    expect(li2.body.errors).toBeUndefined();
    expect(li2.body.data!.me.recommendedProducts.map((item) => [item.product.code, item.product.riskLevel])).toEqual([
      ['WM-TTL', 'R1'],
      ['TD-3Y', 'R1'],
    ]);
    // A year on, 张晓明's assessment has expired too.
    platform.clock.set('2027-05-21T02:00:00.000Z');
    const token = await platform.login(zhang.mobile);
    const later = await platform.query<MyMarketing>(MY_MARKETING, { token, variables: { first: 10 } });
    expect(later.body.errors).toBeUndefined();
    expect(later.body.data!.me.recommendedProducts.map((item) => item.product.riskLevel)).toEqual(['R1', 'R1']);
    expect(later.body.data!.me.coupons.every((coupon) => coupon.status === 'EXPIRED')).toBe(true);
  });

  it('refuses a recommendation count out of range', async () => {
    const token = await platform.login(zhang.mobile);
    const { body } = await platform.query<MyMarketing>(MY_MARKETING, { token, variables: { first: 11 } });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs a constant number of statements: coupons, campaigns, points, catalogue, running campaigns and views once each, products batched', async () => {
    const token = await platform.login(zhang.mobile);
    const marketingBefore = platform.centers.marketing!.statements.count;
    const productBefore = platform.centers.product!.statements.count;
    const { body } = await platform.query<MyMarketing>(MY_MARKETING, { token, variables: { first: 10 } });
    expect(body.errors).toBeUndefined();
    expect(platform.centers.marketing!.statements.count - marketingBefore).toBe(5);
    expect(platform.centers.product!.statements.count - productBefore).toBe(1);
  });

  it("refuses another customer's coupons, points and recommendations through _entities with FORBIDDEN", async () => {
    for (const fields of ['coupons { id title }', 'points { balance }', 'recommendedProducts { reason }', '']) {
      const { body } = await platform.callCenter<{ _entities: unknown[] }>('marketing', USER_ENTITY(fields), {
        variables: { representations: [{ __typename: 'User', id: li.id }] },
        as: { customerId: zhang.id },
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('缴费满50减5');
      expect(JSON.stringify(body)).not.toContain('660');
    }
    const own = await platform.callCenter<{ _entities: { id: string; coupons: { title: string }[] }[] }>(
      'marketing',
      USER_ENTITY('coupons { title }'),
      {
        variables: { representations: [{ __typename: 'User', id: li.id }] },
        as: { customerId: li.id },
      },
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!._entities[0]!.coupons.map((coupon) => coupon.title)).toEqual(['缴费满50减5', '生活缴费券20元']);
  });

  it('refuses customer data to anonymous callers and to services acting for nobody', async () => {
    const anonymous = await platform.callCenter('marketing', USER_ENTITY('points { balance }'), {
      variables: { representations: [{ __typename: 'User', id: zhang.id }] },
      as: 'anonymous',
    });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const service = await platform.callCenter('marketing', USER_ENTITY('points { balance }'), {
      variables: { representations: [{ __typename: 'User', id: zhang.id }] },
      as: { service: 'finance', scopes: [] },
    });
    expect(service.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const none = await platform.callCenter('marketing', CAMPAIGNS, { as: 'none' });
    expect(none.status).toBe(401);
  });
});
