/**
 * The "finance + life" scene as a customer and an operator meet it, through the gateway and with
 * the mobile app's own operation documents: 张晓明 opens the app (behavior events), sees suitable
 * recommendations on the home screen, buys a wealth product with his coupon, pays the electricity
 * bill, earns points from the bill (a wealth purchase earns none); the demo operator then signs in on OPS (password + TOTP)
 * and the analytics show that activity on the MOBILE_APP channel.
 */
import { generateSync } from 'otplib';
import { shanghaiDay } from '../../platform/businessDay';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { balances, ledgerAudit, newKey } from '../money/helpers';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // R2 wealth product, NAV 1.0213, from 10,000.00
const FESTIVAL_COUPON = 'e0a80001-0000-4000-8000-000000000301'; // 50.00 off from 10,000.00, claimed by 张晓明
const ELECTRICITY_BILL = 'bill-electricity-3307020001-202611'; // 168.35

const operation = (name: string) => readOperationDocument('MOBILE_APP', name);

interface HomeScreen {
  me: {
    riskAssessment: { grade: string; expired: boolean } | null;
    points: { balance: number };
    recommendedProducts: { reason: string; product: { id: string; kind: string; riskLevel: string | null } }[];
  };
}

describe('the finance + life scene', () => {
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await platform.login(zhang.mobile);
  });
  afterAll(() => platform?.stop());

  async function drainOutbox() {
    for (let pass = 0; pass < 10; pass += 1) {
      if ((await platform.centers.finance!.workers.outbox!.runOnce()) === 0) return;
    }
  }

  it('recommends, sells with a coupon, collects a bill, awards points, and shows it to operations', async () => {
    await drainOutbox(); // whatever the seed left for the relay
    const now = platform.clock.now();
    const at = (seconds: number) => new Date(now.getTime() - 60_000 + seconds * 1000).toISOString();
    const sessionId = `scene-${process.pid}`;
    const tracked = await platform.query<{ trackEvents: { accepted: number; duplicates: number } }>(operation('TrackEvents'), {
      token,
      variables: {
        events: [
          { clientEventId: `${sessionId}-1`, type: 'SESSION_START', occurredAt: at(0), sessionId, page: 'home' },
          { clientEventId: `${sessionId}-2`, type: 'PAGE_VIEW', occurredAt: at(1), sessionId, page: 'home' },
          {
            clientEventId: `${sessionId}-3`,
            type: 'PRODUCT_VIEW',
            occurredAt: at(5),
            sessionId,
            page: `product/${STEADY_90}`,
            productId: STEADY_90,
          },
        ],
      },
    });
    expect(tracked.body.data).toEqual({ trackEvents: { accepted: 3, duplicates: 0 } });

    // Home screen: every recommendation is within the customer's risk grade, with its reason.
    const home = await platform.query<HomeScreen>(operation('HomeScreen'), { token });
    expect(home.body.errors).toBeUndefined();
    const { riskAssessment, recommendedProducts, points } = home.body.data!.me;
    expect(riskAssessment).toMatchObject({ expired: false });
    expect(recommendedProducts.length).toBeGreaterThan(0);
    const grade = Number(riskAssessment!.grade.slice(1));
    for (const { reason, product } of recommendedProducts) {
      expect(reason.length).toBeGreaterThan(0);
      if (product.riskLevel) expect(Number(product.riskLevel.slice(1))).toBeLessThanOrEqual(grade);
    }

    // A wealth purchase with the coupon: 10,000.00 less 50.00 leaves the account.
    const before = await balances(platform, token);
    const bought = await platform.query<{
      subscribeWealthProduct: { order: { status: string; kind: string; amount: { amount: string } }; discount: { amount: string } };
    }>(operation('SubscribeWealthProduct'), {
      token,
      variables: {
        input: {
          productId: STEADY_90,
          sourceAccountId: zhang.accounts[0]!.id,
          amount: '10000.00',
          couponId: FESTIVAL_COUPON,
          idempotencyKey: newKey('scene'),
        },
      },
    });
    expect(bought.body.errors).toBeUndefined();
    expect(bought.body.data!.subscribeWealthProduct).toMatchObject({
      order: { kind: 'WEALTH_PURCHASE', status: 'COMPLETED', amount: { amount: '9950.00' } },
      discount: { amount: '50.00' },
    });

    // The electricity bill.
    const paid = await platform.query<{ payBill: { status: string; amount: { amount: string }; bill: { status: string } } }>(
      operation('PayBill'),
      {
        token,
        variables: { input: { billId: ELECTRICITY_BILL, sourceAccountId: zhang.accounts[0]!.id, idempotencyKey: newKey('scene') } },
      },
    );
    expect(paid.body.errors).toBeUndefined();
    expect(paid.body.data!.payBill).toMatchObject({ status: 'COMPLETED', amount: { amount: '168.35' }, bill: { status: 'PAID' } });
    const after = await balances(platform, token);
    expect(Math.round((Number(before[zhang.accounts[0]!.id]) - Number(after[zhang.accounts[0]!.id])) * 100)).toBe(9950_00 + 168_35);

    // Points come from the order events, by the earning table (marketing README): the bill earns 1 per
    // 10.00 paid (16); a wealth purchase earns none, so moving money into a product and back mints nothing.
    await drainOutbox();
    const homeAgain = await platform.query<HomeScreen>(operation('HomeScreen'), { token });
    expect(homeAgain.body.data!.me.points.balance - points.balance).toBe(16);
    expect(await ledgerAudit(platform)).toMatchObject({ sumOfAllBalances: '0.00', unbalancedEntries: 0, duplicatePostings: 0 });

    // The operator signs in on OPS and sees the activity by channel.
    const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
    const staff = await platform.query<{ staffLogin: { accessToken: string } }>(
      'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
      {
        channel: 'OPS',
        variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } },
      },
    );
    const staffToken = staff.body.data!.staffLogin.accessToken;
    const today = shanghaiDay(now);
    const analytics = await platform.query<{
      dailyActiveCustomers: { channel: string; activeCustomers: number }[];
      productPreferences: { kind: string; views: number }[];
      conversionFunnel: { kind: string; viewers: number; purchasers: number }[];
    }>(
      `query($d: String!, $c: ID!) {
        dailyActiveCustomers(from: $d, to: $d) { channel activeCustomers }
        productPreferences(from: $d, to: $d, customerId: $c) { kind views }
        conversionFunnel(from: $d, to: $d) { kind viewers purchasers }
      }`,
      { token: staffToken, channel: 'OPS', variables: { d: today, c: zhang.id } },
    );
    expect(analytics.body.errors).toBeUndefined();
    const data = analytics.body.data!;
    expect(data.dailyActiveCustomers.find((row) => row.channel === 'MOBILE_APP')?.activeCustomers).toBeGreaterThanOrEqual(1);
    expect(data.productPreferences).toContainEqual({ kind: 'WEALTH', views: 1 });
    expect(data.conversionFunnel.find((row) => row.kind === 'WEALTH')).toMatchObject({ viewers: 1, purchasers: 1 });

    // The same queries are never for customers.
    const asCustomer = await platform.query(`query($d: String!) { dailyActiveCustomers(from: $d, to: $d) { channel } }`, {
      token,
      variables: { d: today },
    });
    expect(asCustomer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
