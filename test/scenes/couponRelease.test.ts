/**
 * A coupon redeemed for a wealth purchase that then does not go through comes back: finance's
 * REJECTED / FAILED order event (written in the same statement as the status change) is delivered by
 * the outbox relay to marketing's releaseCoupon, which gives back only the coupon redeemed by that
 * order id — once, even when the event is redelivered, and never a coupon a later order now uses;
 * a redeem arriving after its order's release is refused. A completed purchase keeps its coupon.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as MarketingPrisma } from '../../subgraphs/marketing/__generated__/prisma/client';
import { balances, newKey } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [zhangI, zhangII] = zhang.accounts as [DemoCustomer['accounts'][0], DemoCustomer['accounts'][0]];
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // R2, NAV 1.0213, from 10,000.00 step 1,000.00
const FESTIVAL_COUPON = 'e0a80001-0000-4000-8000-000000000301'; // 50.00 off from 10,000.00, CLAIMED by 张晓明
const SMALL_COUPON = 'e0a80001-0000-4000-8000-000000000302'; // 10.00 off from 100.00, ISSUED to 张晓明

const SUBSCRIBE = `mutation($input: SubscribeWealthProductInput!) {
  subscribeWealthProduct(input: $input) { order { id status amount { amount } failureReason } discount { amount } }
}`;
const RELEASE = 'mutation($c: ID!, $o: ID!) { releaseCoupon(couponId: $c, orderId: $o) { couponId orderId released } }';

interface Answer {
  subscribeWealthProduct: {
    order: { id: string; status: string; amount: { amount: string }; failureReason: string | null };
    discount: { amount: string };
  };
}

describe('coupon release for purchases that did not go through', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let marketing: MarketingPrisma;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    marketing = platform.store('marketing');
    token = await platform.login(zhang.mobile);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const subscribe = async (input: Record<string, unknown>) => {
    const { body } = await platform.query<Answer>(SUBSCRIBE, {
      token,
      variables: { input: { productId: STEADY_90, idempotencyKey: newKey('coupon'), ...input } },
    });
    expect(body.errors).toBeUndefined();
    return body.data!.subscribeWealthProduct;
  };
  const coupon = (id: string) =>
    marketing.coupon.findUniqueOrThrow({ where: { id }, select: { status: true, redeemedOrderId: true, redeemedAt: true } });
  async function drainOutbox(): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < 10; pass += 1) {
      const delivered = await platform.centers.finance!.workers.outbox!.runOnce();
      total += delivered;
      if (delivered === 0) break;
    }
    return total;
  }
  const redeliver = (orderId: string) =>
    finance.outboxEvent.updateMany({ where: { aggregateId: orderId }, data: { publishedAt: null, nextAttemptAt: platform.clock.now() } });
  const release = (couponId: string, orderId: string, actingFor = zhang.id, scopes = ['marketing:coupon:release']) =>
    platform.callCenter<{ releaseCoupon: { couponId: string; orderId: string; released: boolean } }>('marketing', RELEASE, {
      variables: { c: couponId, o: orderId },
      as: { service: 'finance', actingFor, scopes },
    });

  it('a purchase refused by the ledger (the class II account lacks the money) gives its coupon back once, even redelivered', async () => {
    await drainOutbox();
    const before = await balances(platform, token);
    // 10,000.00 less the 50.00 coupon from the class II account, which holds 5,000.00.
    const rejected = await subscribe({ sourceAccountId: zhangII.id, amount: '10000.00', couponId: FESTIVAL_COUPON });
    expect(rejected.order.status).toBe('REJECTED');
    expect(rejected.discount).toEqual({ amount: '0.00' });
    const order = await finance.order.findUniqueOrThrow({ where: { id: rejected.order.id } });
    expect(['INSUFFICIENT_FUNDS', 'LIMIT_EXCEEDED']).toContain(order.failureCode);
    expect(order).toMatchObject({ couponId: FESTIVAL_COUPON, discount: 50_00n });
    expect(await balances(platform, token)).toEqual(before);
    // Until the relay runs, the coupon is still the rejected order's.
    expect(await coupon(FESTIVAL_COUPON)).toMatchObject({ status: 'REDEEMED', redeemedOrderId: rejected.order.id });
    expect(await finance.outboxEvent.count({ where: { aggregateId: rejected.order.id, type: 'ORDER_REJECTED' } })).toBe(1);

    expect(await drainOutbox()).toBeGreaterThan(0);
    expect(await coupon(FESTIVAL_COUPON)).toEqual({ status: 'CLAIMED', redeemedOrderId: null, redeemedAt: null });

    // The customer uses it again on a purchase that completes…
    const completed = await subscribe({ sourceAccountId: zhangI.id, amount: '10000.00', couponId: FESTIVAL_COUPON });
    expect(completed.order).toMatchObject({ status: 'COMPLETED', amount: { amount: '9950.00' } });
    expect(completed.discount).toEqual({ amount: '50.00' });
    // …and a redelivery of every event of the rejected order does not take it back from that purchase.
    await redeliver(rejected.order.id);
    expect(await drainOutbox()).toBeGreaterThan(0);
    expect(await coupon(FESTIVAL_COUPON)).toMatchObject({ status: 'REDEEMED', redeemedOrderId: completed.order.id });
  });

  it('a completed purchase never releases its coupon, whatever is redelivered', async () => {
    const completedOrder = await finance.order.findFirstOrThrow({
      where: { ownerId: zhang.id, couponId: FESTIVAL_COUPON, status: 'COMPLETED' },
    });
    await redeliver(completedOrder.id);
    expect(await drainOutbox()).toBeGreaterThan(0);
    expect(await coupon(FESTIVAL_COUPON)).toMatchObject({ status: 'REDEEMED', redeemedOrderId: completedOrder.id });
  });

  it('a purchase the limits center refuses gives its coupon back', async () => {
    const lowered = await platform.query<{ setMyLimit: { amount: { amount: string } } }>(
      'mutation { setMyLimit(channel: MOBILE_APP, period: SINGLE, amount: "1000.00") { amount { amount } } }',
      { token },
    );
    expect(lowered.body.errors).toBeUndefined();
    const rejected = await subscribe({ sourceAccountId: zhangI.id, amount: '10000.00', couponId: SMALL_COUPON });
    expect(rejected.order.status).toBe('REJECTED');
    expect(await finance.order.findUniqueOrThrow({ where: { id: rejected.order.id } })).toMatchObject({
      failureCode: 'LIMIT_EXCEEDED',
      discount: 10_00n,
    });
    expect(await coupon(SMALL_COUPON)).toMatchObject({ status: 'REDEEMED', redeemedOrderId: rejected.order.id });
    await drainOutbox();
    expect(await coupon(SMALL_COUPON)).toMatchObject({ status: 'CLAIMED', redeemedOrderId: null });
  });

  it('releaseCoupon gives back only the coupon redeemed by that order id, for its customer, once', async () => {
    const used = await finance.order.findFirstOrThrow({ where: { ownerId: zhang.id, couponId: FESTIVAL_COUPON, status: 'COMPLETED' } });
    // Another order id, another customer: nothing changes.
    expect((await release(FESTIVAL_COUPON, 'some-other-order')).body.data).toEqual({
      releaseCoupon: { couponId: FESTIVAL_COUPON, orderId: 'some-other-order', released: false },
    });
    expect((await release(FESTIVAL_COUPON, used.id, li.id)).body.data?.releaseCoupon.released).toBe(false);
    expect(await coupon(FESTIVAL_COUPON)).toMatchObject({ status: 'REDEEMED', redeemedOrderId: used.id });
    // Without the scope: refused.
    const unscoped = await release(FESTIVAL_COUPON, used.id, zhang.id, ['marketing:coupon:redeem']);
    expect(unscoped.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The right order: released once; the second call is a no-op.
    expect((await release(FESTIVAL_COUPON, used.id)).body.data?.releaseCoupon.released).toBe(true);
    expect((await release(FESTIVAL_COUPON, used.id)).body.data?.releaseCoupon.released).toBe(false);
    expect(await coupon(FESTIVAL_COUPON)).toMatchObject({ status: 'CLAIMED', redeemedOrderId: null });
  });

  it('a redeem that arrives after its order was released (a slow request the sweeper gave up on) is refused', async () => {
    const redeem = (orderId: string) =>
      platform.callCenter<{ redeemCoupon: { discount: { amount: string } } }>(
        'marketing',
        'mutation($c: ID!, $o: ID!) { redeemCoupon(couponId: $c, orderId: $o, amount: "200.00") { discount { amount } } }',
        {
          variables: { c: SMALL_COUPON, o: orderId },
          as: { service: 'finance', actingFor: zhang.id, scopes: ['marketing:coupon:redeem'] },
        },
      );
    expect(await coupon(SMALL_COUPON)).toMatchObject({ status: 'CLAIMED', redeemedOrderId: null });
    // The release of the failed order overtakes its redeem: nothing to give back yet…
    expect((await release(SMALL_COUPON, 'order-failed-while-redeeming')).body.data?.releaseCoupon.released).toBe(false);
    // …and the late redeem cannot take the coupon for that order any more.
    expect((await redeem('order-failed-while-redeeming')).body.errors?.[0]?.extensions?.code).toBe('COUPON_UNAVAILABLE');
    expect(await coupon(SMALL_COUPON)).toMatchObject({ status: 'CLAIMED', redeemedOrderId: null });
    // Another order still can.
    expect((await redeem('order-that-goes-through')).body.data).toEqual({ redeemCoupon: { discount: { amount: '10.00' } } });
  });

  it('is not reachable through the gateway', async () => {
    const { body } = await platform.query(RELEASE, { token, variables: { c: FESTIVAL_COUPON, o: 'x' } });
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
