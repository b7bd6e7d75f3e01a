import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { recentSms } from '../service/sms';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const REDEEM = `mutation($couponId: ID!, $orderId: ID!, $amount: Decimal!) {
  redeemCoupon(couponId: $couponId, orderId: $orderId, amount: $amount) { couponId orderId discount { amount } }
}`;
const EVENT = `mutation($event: OrderEventInput!) { recordOrderEvent(event: $event) { eventId duplicate pointsAwarded } }`;
const MINE = `query {
  me {
    points { balance } unreadMessageCount
    messages(first: 5) { edges { node { id kind title body read } } pageInfo { hasNextPage } }
    coupons { id title status }
  }
}`;
interface Mine {
  me: {
    points: { balance: number };
    unreadMessageCount: number;
    messages: { edges: { node: { id: string; kind: string; title: string; body: string; read: boolean } }[] };
    coupons: { id: string; title: string; status: string }[];
  };
}

describe('coupons, points and the inbox', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'product', 'marketing'] });
  });
  afterAll(() => platform?.stop());

  const finance = (actingFor?: string, scopes = ['marketing:coupon:redeem', 'marketing:order-events:write']) => ({
    service: 'finance' as const,
    actingFor,
    scopes,
  });

  it('uses a coupon at most once under twenty concurrent redemptions, and answers a retry of the winner', async () => {
    const couponId = 'e0a80001-0000-4000-8000-000000000302'; // 满100减10, 张晓明
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        platform.callCenter<{ redeemCoupon: { orderId: string; discount: { amount: string } } }>('marketing', REDEEM, {
          variables: { couponId, orderId: `order-${index}`, amount: '150.00' },
          as: finance(zhang.id),
        }),
      ),
    );
    const winners = results.filter((result) => result.body.data?.redeemCoupon);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.body.data!.redeemCoupon.discount.amount).toBe('10.00');
    for (const loser of results.filter((result) => !result.body.data?.redeemCoupon))
      expect(loser.body.errors?.[0]?.extensions?.code).toBe('COUPON_UNAVAILABLE');
    const retry = await platform.callCenter<{ redeemCoupon: { orderId: string } }>('marketing', REDEEM, {
      variables: { couponId, orderId: winners[0]!.body.data!.redeemCoupon.orderId, amount: '150.00' },
      as: finance(zhang.id),
    });
    expect(retry.body.data!.redeemCoupon.orderId).toBe(winners[0]!.body.data!.redeemCoupon.orderId);
    // Another customer's coupon, under the minimum spend, or without the scope: refused.
    const other = await platform.callCenter('marketing', REDEEM, {
      variables: { couponId: 'e0a80001-0000-4000-8000-000000000305', orderId: 'o-x', amount: '80.00' },
      as: finance(zhang.id),
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('COUPON_UNAVAILABLE');
    const tooSmall = await platform.callCenter('marketing', REDEEM, {
      variables: { couponId: 'e0a80001-0000-4000-8000-000000000305', orderId: 'o-y', amount: '49.99' },
      as: finance(li.id),
    });
    expect(tooSmall.body.errors?.[0]?.extensions?.code).toBe('COUPON_UNAVAILABLE');
    const customer = await platform.callCenter('marketing', REDEEM, {
      variables: { couponId, orderId: 'o-z', amount: '150.00' },
      as: { customerId: zhang.id },
    });
    expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('money coming back (a redemption, a deposit withdrawal) earns no points but still sends the notice', async () => {
    for (const orderKind of ['WEALTH_REDEMPTION', 'DEPOSIT_WITHDRAWAL']) {
      const event = {
        eventId: `evt-${orderKind}`,
        orderId: `order-${orderKind}`,
        customerId: li.id,
        orderKind,
        status: 'COMPLETED',
        amount: '10000.00',
        channel: 'MOBILE_APP',
        occurredAt: '2026-11-25T01:40:00.000Z',
      };
      const { body } = await platform.callCenter<{ recordOrderEvent: { duplicate: boolean; pointsAwarded: number } }>('marketing', EVENT, {
        variables: { event },
        as: finance(),
      });
      expect(body.data!.recordOrderEvent).toMatchObject({ duplicate: false, pointsAwarded: 0 });
    }
    const token = await platform.login(li.mobile);
    const { body } = await platform.query<Mine>(MINE, { token });
    const notices = body.data!.me.messages.edges.map((edge) => edge.node.body);
    expect(notices).toEqual(expect.arrayContaining(['您的理财赎回已完成，金额 10000.00 元。', '您的定期支取已完成，金额 10000.00 元。']));
  });

  it('awards points once per order event, however often it is redelivered, with a balance-change notice', async () => {
    const event = {
      eventId: 'evt-bill-1',
      orderId: 'order-bill-1',
      customerId: zhang.id,
      orderKind: 'BILL_PAYMENT',
      status: 'COMPLETED',
      amount: '168.35',
      channel: 'MOBILE_APP',
      occurredAt: '2026-11-25T01:30:00.000Z',
    };
    const deliveries = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.callCenter<{ recordOrderEvent: { duplicate: boolean; pointsAwarded: number } }>('marketing', EVENT, {
          variables: { event },
          as: finance(),
        }),
      ),
    );
    expect(deliveries.every((delivery) => delivery.body.errors === undefined)).toBe(true);
    expect(deliveries.filter((delivery) => !delivery.body.data!.recordOrderEvent.duplicate)).toHaveLength(1);
    expect(deliveries.every((delivery) => delivery.body.data!.recordOrderEvent.pointsAwarded === 16)).toBe(true);
    // A second event id for the same order earns nothing more.
    const other = await platform.callCenter<{ recordOrderEvent: { duplicate: boolean; pointsAwarded: number } }>('marketing', EVENT, {
      variables: { event: { ...event, eventId: 'evt-bill-1b' } },
      as: finance(),
    });
    expect(other.body.data!.recordOrderEvent).toMatchObject({ duplicate: false, pointsAwarded: 0 });

    const token = await platform.login(zhang.mobile);
    const { body } = await platform.query<Mine>(MINE, { token });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.points.balance).toBe(1280 + 16);
    const notices = body.data!.me.messages.edges.map((edge) => edge.node);
    expect(notices[0]).toMatchObject({ kind: 'BALANCE_CHANGE', title: '动账通知', read: false });
    expect(notices[0]!.body).toBe('您的生活缴费已完成，金额 168.35 元，获得 16 积分。');
    expect(recentSms.filter((sms) => sms.customerId === zhang.id && sms.text.includes('168.35'))).toHaveLength(1);
    const read = await platform.query<{ markMessageRead: { read: boolean } }>(`mutation($id: ID!) { markMessageRead(id: $id) { read } }`, {
      token,
      variables: { id: notices[0]!.id },
    });
    expect(read.body.data!.markMessageRead.read).toBe(true);
    const liToken = await platform.login(li.mobile);
    const stolen = await platform.query(`mutation($id: ID!) { markMessageRead(id: $id) { read } }`, {
      token: liToken,
      variables: { id: notices[0]!.id },
    });
    expect(stolen.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('spends points without overdraft, and delivers campaign messages once per key', async () => {
    const SPEND = `mutation($points: Int!, $reference: String!) { spendPoints(points: $points, reference: $reference) { balance } }`;
    const scopes = { service: 'finance' as const, actingFor: li.id, scopes: ['marketing:points:spend', 'marketing:messages:write'] };
    const spent = await platform.callCenter<{ spendPoints: { balance: number } }>('marketing', SPEND, {
      variables: { points: 60, reference: 'order-p-1' },
      as: scopes,
    });
    expect(spent.body.data!.spendPoints.balance).toBe(600);
    const over = await platform.callCenter('marketing', SPEND, { variables: { points: 601, reference: 'order-p-2' }, as: scopes });
    expect(over.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_POINTS');
    const DELIVER = `mutation($input: MessageInput!) { deliverMessage(input: $input) { id kind title } }`;
    const input = {
      kind: 'CAMPAIGN',
      title: '双十二理财节',
      body: '理财节进行中，领券购买享优惠',
      dedupeKey: 'campaign-201-li',
      sms: true,
    };
    const first = await platform.callCenter<{ deliverMessage: { id: string } }>('marketing', DELIVER, { variables: { input }, as: scopes });
    const second = await platform.callCenter<{ deliverMessage: { id: string } }>('marketing', DELIVER, {
      variables: { input },
      as: scopes,
    });
    expect(second.body.data!.deliverMessage.id).toBe(first.body.data!.deliverMessage.id);
    expect(recentSms.filter((sms) => sms.customerId === li.id && sms.text.includes('理财节进行中'))).toHaveLength(1);
  });

  it('lets an eligible customer claim a campaign coupon once, within the budget and segment', async () => {
    const CLAIM = `mutation($campaignId: ID!) { claimCoupon(campaignId: $campaignId) { id title status faceValue { amount } } }`;
    const welcome = 'e0a80001-0000-4000-8000-000000000202'; // WeChat channels, NEW_CUSTOMER, budget 100.00, 20.00 each
    const liToken = await platform.login(li.mobile, 'WECHAT_MINI');
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        platform.query<{ claimCoupon: { id: string } }>(CLAIM, {
          token: liToken,
          channel: 'WECHAT_MINI',
          variables: { campaignId: welcome },
        }),
      ),
    );
    expect(new Set(claims.map((claim) => claim.body.data?.claimCoupon.id))).toEqual(new Set([`claim:${welcome}:${li.id}`]));
    // 张晓明 is not a new customer; the app is not a WeChat channel.
    const zhangToken = await platform.login(zhang.mobile, 'WECHAT_MINI');
    const notNew = await platform.query(CLAIM, { token: zhangToken, channel: 'WECHAT_MINI', variables: { campaignId: welcome } });
    expect(notNew.body.errors?.[0]?.extensions).toMatchObject({ code: 'CAMPAIGN_NOT_ELIGIBLE', reason: 'SEGMENT' });
    const appToken = await platform.login(zhang.mobile);
    const festival = 'e0a80001-0000-4000-8000-000000000201';
    const claimed = await platform.query<{ claimCoupon: { title: string; status: string; faceValue: { amount: string } } }>(CLAIM, {
      token: appToken,
      variables: { campaignId: festival },
    });
    expect(claimed.body.data!.claimCoupon).toMatchObject({ title: '理财节满1万减50', status: 'CLAIMED', faceValue: { amount: '50.00' } });
    const wrongChannel = await platform.query(CLAIM, { token: appToken, variables: { campaignId: welcome } });
    expect(wrongChannel.body.errors?.[0]?.extensions).toMatchObject({ code: 'CAMPAIGN_NOT_ELIGIBLE', reason: 'CHANNEL' });
  });
});
