/**
 * Step-up for purchases through the gateway, with the channels' own operation documents: a wealth
 * subscription (MOBILE_APP) and a time-deposit opening (WEB) above the large-amount threshold wait as
 * CHALLENGE_REQUIRED with the challenge methods; a PIN challenge bound to another amount is refused
 * (CHALLENGE_FAILED, nothing moves); the right one completes the order once (holding / deposit). An
 * unanswered challenge is left alone by the recovery sweeper until its window passes, then ended
 * (FAILED, CHALLENGE_EXPIRED), and the coupon it had redeemed comes back through the outbox.
 * confirmOrder also completes a challenged transfer (confirmTransfer's machinery).
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as MarketingPrisma } from '../../subgraphs/marketing/__generated__/prisma/client';
import { encryptPin, latestSmsCode } from '../identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangI = zhang.accounts[0]!;
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // R2, NAV 1.0213, from 10,000.00 step 1,000.00
const THREE_YEAR = 'd0a80001-0000-4000-8000-000000000105'; // 三年期整存整取, 2.6000 %, 1095 days
const FESTIVAL_COUPON = 'e0a80001-0000-4000-8000-000000000301'; // 50.00 off from 10,000.00
const PIN = '258036';

const operation = (channel: 'MOBILE_APP' | 'WEB', name: string) => readOperationDocument(channel, name);

interface OrderView {
  id: string;
  kind: string;
  status: string;
  amount: { amount: string };
  failureReason: string | null;
}
interface Challenge {
  challengeId: string;
  methods: string[];
}
interface Confirmation {
  confirmOrder: {
    order: OrderView;
    holding: { productId: string; amount: { amount: string }; shares: string } | null;
    deposit: { id: string; principal: { amount: string }; termDays: number } | null;
  };
}

describe('step-up for purchases and deposits', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let marketing: MarketingPrisma;
  let app: string;
  let web: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    marketing = platform.store('marketing');
    app = await platform.login(zhang.mobile);
    web = await platform.login(zhang.mobile, 'WEB');
    // The transaction PIN is set once, after an SMS check.
    const sms = await platform.query<{ startChallenge: { id: string } }>(operation('MOBILE_APP', 'StartChallenge'), {
      token: app,
      variables: { purpose: 'SET_PIN' },
    });
    const smsToken = await platform.query<{ verifyChallenge: { token: string } }>(operation('MOBILE_APP', 'VerifyChallenge'), {
      token: app,
      variables: { id: sms.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, zhang.mobile) } },
    });
    const pinSet = await platform.query(operation('MOBILE_APP', 'SetTransactionPin'), {
      token: app,
      variables: { encryptedPin: await encryptPin(platform, PIN), challengeToken: smsToken.body.data!.verifyChallenge.token },
    });
    expect(pinSet.body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** What the app does after CHALLENGE_REQUIRED: a PURCHASE challenge for the order, answered with the PIN. */
  async function passPinChallenge(
    channel: 'MOBILE_APP' | 'WEB',
    token: string,
    context: { orderId: string; amount: string; sourceAccountId: string },
  ): Promise<string> {
    const started = await platform.query<{ startChallenge: { id: string; method: string } }>(operation(channel, 'StartChallenge'), {
      token,
      channel,
      variables: { purpose: 'PURCHASE', context },
    });
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data!.startChallenge.method).toBe('TRANSACTION_PIN');
    const id = started.body.data!.startChallenge.id;
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(operation(channel, 'VerifyChallenge'), {
      token,
      channel,
      variables: { id, proof: { encryptedPin: await encryptPin(platform, `${PIN}:${id}`) } },
    });
    expect(verified.body.errors).toBeUndefined();
    return verified.body.data!.verifyChallenge.token;
  }
  const confirm = (channel: 'MOBILE_APP' | 'WEB', token: string, orderId: string, challengeToken: string) =>
    platform.query<Confirmation>(operation(channel, 'ConfirmOrder'), { token, channel, variables: { orderId, challengeToken } });

  it('a 50,000.00 purchase asks for a step-up, completes after the PIN, and a token for another amount is refused', async () => {
    const before = await balances(platform, app);
    const input = { productId: STEADY_90, sourceAccountId: zhangI.id, amount: '50000.00', idempotencyKey: newKey('stepup') };
    const asked = await platform.query<{ subscribeWealthProduct: { order: OrderView; holding: unknown; challenge: Challenge | null } }>(
      operation('MOBILE_APP', 'SubscribeWealthProduct'),
      { token: app, variables: { input } },
    );
    expect(asked.body.errors).toBeUndefined();
    const { order, holding, challenge } = asked.body.data!.subscribeWealthProduct;
    expect(order).toMatchObject({ kind: 'WEALTH_PURCHASE', status: 'CHALLENGE_REQUIRED', amount: { amount: '50000.00' } });
    expect(holding).toBeNull();
    expect(challenge).toEqual({ challengeId: expect.any(String), methods: expect.arrayContaining(['TRANSACTION_PIN']) });
    expect(await balances(platform, app)).toEqual(before);

    // A PIN challenge passed for another amount does not confirm this order, and leaves it waiting.
    const wrongAmount = await passPinChallenge('MOBILE_APP', app, { orderId: order.id, amount: '49000.00', sourceAccountId: zhangI.id });
    const refused = await confirm('MOBILE_APP', app, order.id, wrongAmount);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHALLENGE_FAILED', field: 'challengeToken' });
    expect((await finance.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('CHALLENGE_REQUIRED');
    expect(await balances(platform, app)).toEqual(before);

    const challengeToken = await passPinChallenge('MOBILE_APP', app, { orderId: order.id, amount: '50000.00', sourceAccountId: zhangI.id });
    const confirmed = await confirm('MOBILE_APP', app, order.id, challengeToken);
    expect(confirmed.body.errors).toBeUndefined();
    // 50,000.00 / 1.0213 = 48957.211… → 48957.21 shares.
    expect(confirmed.body.data!.confirmOrder).toMatchObject({
      order: { id: order.id, status: 'COMPLETED' },
      holding: { productId: STEADY_90, amount: { amount: '50000.00' }, shares: '48957.21' },
      deposit: null,
    });
    const after = await balances(platform, app);
    expect(BigInt(before[zhangI.id]!.replace('.', '')) - BigInt(after[zhangI.id]!.replace('.', ''))).toBe(50_000_00n);

    // Confirming again, or replaying the purchase, answers the completed order: nothing moves twice.
    const again = await confirm('MOBILE_APP', app, order.id, challengeToken);
    expect(again.body.data!.confirmOrder).toMatchObject({ order: { status: 'COMPLETED' }, holding: { shares: '48957.21' } });
    const replay = await platform.query<{
      subscribeWealthProduct: { order: OrderView; holding: { shares: string } | null; challenge: Challenge | null };
    }>(operation('MOBILE_APP', 'SubscribeWealthProduct'), { token: app, variables: { input } });
    expect(replay.body.data!.subscribeWealthProduct).toMatchObject({
      order: { id: order.id, status: 'COMPLETED' },
      holding: { shares: '48957.21' },
      challenge: null,
    });
    expect(await finance.holding.count({ where: { orderId: order.id } })).toBe(1);
    expect(await balances(platform, app)).toEqual(after);
    expect(await ledgerAudit(platform)).toMatchObject({ unbalancedEntries: 0, duplicatePostings: 0, overdrawnCustomerAccounts: 0 });
  });

  it('a 50,000.00 time deposit on web banking steps up the same way (WEB operations)', async () => {
    const input = { productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '50000.00', idempotencyKey: newKey('stepup') };
    const asked = await platform.query<{ openTimeDeposit: { order: OrderView; deposit: unknown; challenge: Challenge | null } }>(
      operation('WEB', 'OpenTimeDeposit'),
      { token: web, channel: 'WEB', variables: { input } },
    );
    expect(asked.body.errors).toBeUndefined();
    const { order, deposit, challenge } = asked.body.data!.openTimeDeposit;
    expect(order).toMatchObject({ kind: 'DEPOSIT_OPEN', status: 'CHALLENGE_REQUIRED' });
    expect(deposit).toBeNull();
    expect(challenge!.methods).toContain('TRANSACTION_PIN');

    const challengeToken = await passPinChallenge('WEB', web, { orderId: order.id, amount: '50000.00', sourceAccountId: zhangI.id });
    const confirmed = await confirm('WEB', web, order.id, challengeToken);
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmOrder).toMatchObject({
      order: { status: 'COMPLETED' },
      holding: null,
      deposit: { principal: { amount: '50000.00' }, termDays: 1095 },
    });
    const listed = await platform.query<{ me: { timeDeposits: { id: string; status: string }[] } }>(operation('WEB', 'TimeDeposits'), {
      token: web,
      channel: 'WEB',
    });
    expect(listed.body.data!.me.timeDeposits).toEqual([
      expect.objectContaining({ id: confirmed.body.data!.confirmOrder.deposit!.id, status: 'ACTIVE' }),
    ]);
  });

  it('the sweeper leaves an unanswered challenge alone until it expires, then ends it and the coupon comes back', async () => {
    const input = {
      productId: STEADY_90,
      sourceAccountId: zhangI.id,
      amount: '51000.00',
      couponId: FESTIVAL_COUPON,
      idempotencyKey: newKey('stepup'),
    };
    const asked = await platform.query<{ subscribeWealthProduct: { order: OrderView; challenge: Challenge | null } }>(
      operation('MOBILE_APP', 'SubscribeWealthProduct'),
      { token: app, variables: { input } },
    );
    const { order } = asked.body.data!.subscribeWealthProduct;
    expect(order).toMatchObject({ status: 'CHALLENGE_REQUIRED', amount: { amount: '50950.00' } });
    const coupon = () =>
      marketing.coupon.findUniqueOrThrow({ where: { id: FESTIVAL_COUPON }, select: { status: true, redeemedOrderId: true } });
    expect(await coupon()).toEqual({ status: 'REDEEMED', redeemedOrderId: order.id });
    const sweep = () => platform.centers.finance!.workers.recovery!.runOnce();
    const drainOutbox = async () => {
      for (let pass = 0; pass < 10 && (await platform.centers.finance!.workers.outbox!.runOnce()) > 0; pass += 1);
    };

    // Past the order's lease but inside the challenge window: waiting is not being stuck.
    platform.clock.advance(60_000);
    await sweep();
    await drainOutbox();
    expect(await finance.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'CHALLENGE_REQUIRED' });
    expect(await coupon()).toEqual({ status: 'REDEEMED', redeemedOrderId: order.id });

    platform.clock.advance(15 * 60_000);
    await sweep();
    expect(await finance.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: 'FAILED',
      failureCode: 'CHALLENGE_EXPIRED',
    });
    await drainOutbox();
    expect(await coupon()).toEqual({ status: 'CLAIMED', redeemedOrderId: null });

    // A late confirmation answers the ended order; nothing is consumed or moved.
    app = await platform.login(zhang.mobile);
    const late = await confirm('MOBILE_APP', app, order.id, 'ct_not-a-real-token');
    expect(late.body.errors).toBeUndefined();
    expect(late.body.data!.confirmOrder).toMatchObject({ order: { status: 'FAILED' }, holding: null });
  });

  it('confirmOrder completes a challenged transfer too, and only for its owner', async () => {
    const liToken = await platform.login(li.mobile);
    const liI = li.accounts[0]!;
    // 张晓明's account is a new payee for 李秀英: the risk engine asks for a step-up.
    const asked = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token: liToken,
      variables: {
        input: {
          fromAccountId: liI.id,
          toAccountNumber: zhangI.number,
          toName: zhang.name,
          amount: '100.00',
          idempotencyKey: newKey('stepup'),
        },
      },
    });
    const order = asked.body.data!.createTransfer;
    expect(order).toMatchObject({ __typename: 'TransferChallengeRequired', order: { status: 'CHALLENGE_REQUIRED' } });
    const orderId = order.order!.id;

    expect((await confirm('MOBILE_APP', app, orderId, 'ct_not-a-real-token')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await confirm('MOBILE_APP', liToken, orderId, 'ct_not-a-real-token')).body.errors?.[0]?.extensions?.code).toBe(
      'CHALLENGE_FAILED',
    );

    const started = await platform.query<{ startChallenge: { id: string } }>(operation('MOBILE_APP', 'StartChallenge'), {
      token: liToken,
      variables: {
        purpose: 'TRANSFER',
        method: 'SMS',
        context: { amount: '100.00', sourceAccountId: liI.id, payeeAccountNumber: zhangI.number },
      },
    });
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(operation('MOBILE_APP', 'VerifyChallenge'), {
      token: liToken,
      variables: { id: started.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, li.mobile) } },
    });
    const confirmed = await confirm('MOBILE_APP', liToken, orderId, verified.body.data!.verifyChallenge.token);
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmOrder).toEqual({
      order: expect.objectContaining({ id: orderId, kind: 'TRANSFER', status: 'COMPLETED' }),
      holding: null,
      deposit: null,
    });
  });
});
