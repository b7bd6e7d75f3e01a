/**
 * Step-up for every kind of payment another center asks finance for, through the gateway with the
 * mobile app's own operation documents. 张晓明 signs in on a new phone, so the risk engine asks for a
 * step-up on every payment (UNTRUSTED_DEVICE): a bill payment, a mobile top-up and a loan repayment
 * each answer PENDING with the challenge their finance order waits for (CHALLENGE_REQUIRED, nothing
 * reserved or moved). An SMS challenge (purpose BILL_PAYMENT) bound to another amount or payee is
 * refused by confirmOrder (CHALLENGE_FAILED) and leaves the order waiting; the right one completes it
 * once (a second confirm and a replay of the payment answer the completed order). Unanswered, the
 * recovery sweeper fails each kind after the challenge window (CHALLENGE_EXPIRED): no reservation, no
 * money moved, and the life / limits rows end REJECTED through finance's order events. A risk DENY
 * still refuses outright.
 */
import { generateSync } from 'otplib';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { DEMO_LOAN_ID } from '../../subgraphs/limits/seedCredit';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { latestSmsCode, loginOnNewDevice } from '../identity/helpers';
import { balances, ledgerAudit, newKey } from '../money/helpers';

const [zhang] = DEMO_CUSTOMERS as [DemoCustomer];
const zhangI = zhang.accounts[0]!;
const ELECTRICITY = 'bill-electricity-3307020001-202611'; // 168.35 to 国网浙江省电力有限公司
const GAS = 'bill-gas-330700001-202611';
const WATER = 'bill-water-33070001-202611';

const operation = (name: string) => readOperationDocument('MOBILE_APP', name);

interface Challenge {
  challengeId: string;
  methods: string[];
  payee: string | null;
}
interface Payment {
  id: string;
  status: string;
  orderId: string | null;
  failureCode: string | null;
  amount: { amount: string };
  challenge: Challenge | null;
}
interface Confirmation {
  confirmOrder: { order: { id: string; kind: string; status: string; amount: { amount: string } } };
}

describe('step-up for bill payments, top-ups and loan repayments', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let phone: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    // A new phone: verified by SMS to sign in, but not trusted, so every payment asks for a step-up.
    phone = (await loginOnNewDevice(platform, zhang.mobile, 'zhang-new-phone')).accessToken;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const payBill = (billId: string, idempotencyKey: string) =>
    platform.query<{ payBill: Payment & { bill: { id: string; status: string } } }>(operation('PayBill'), {
      token: phone,
      variables: { input: { billId, sourceAccountId: zhangI.id, idempotencyKey } },
    });
  const topUp = (mobile: string, amount: string, idempotencyKey: string) =>
    platform.query<{ topUp: Payment }>(operation('TopUp'), {
      token: phone,
      variables: { input: { mobile, amount, sourceAccountId: zhangI.id, idempotencyKey } },
    });
  const repayLoan = (idempotencyKey: string) =>
    platform.query<{ repayLoan: Payment & { installmentNumber: number } }>(operation('RepayLoan'), {
      token: phone,
      variables: { input: { loanId: DEMO_LOAN_ID, sourceAccountId: zhangI.id, idempotencyKey } },
    });
  const confirm = (orderId: string, challengeToken: string) =>
    platform.query<Confirmation>(operation('ConfirmOrder'), { token: phone, variables: { orderId, challengeToken } });

  /** What the app does with a waiting payment: an SMS challenge (BILL_PAYMENT) for the order, with the code texted. */
  async function passSmsChallenge(context: { orderId: string; amount: string; sourceAccountId: string; payeeName: string }) {
    // One code a minute to a mobile (and the newest is the one read back).
    platform.clock.advance(61_000);
    const started = await platform.query<{ startChallenge: { id: string; method: string } }>(operation('StartChallenge'), {
      token: phone,
      variables: { purpose: 'BILL_PAYMENT', context, method: 'SMS' },
    });
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data!.startChallenge.method).toBe('SMS');
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(operation('VerifyChallenge'), {
      token: phone,
      variables: { id: started.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, zhang.mobile) } },
    });
    expect(verified.body.errors).toBeUndefined();
    return verified.body.data!.verifyChallenge.token;
  }

  /** Waiting: CHALLENGE_REQUIRED in finance, nothing reserved, nothing moved. */
  async function expectWaiting(orderId: string, before: Record<string, string>) {
    expect(await finance.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'CHALLENGE_REQUIRED' });
    expect(await platform.store('limits').limitReservation.count({ where: { orderId } })).toBe(0);
    expect(await balances(platform, phone)).toEqual(before);
  }

  /** Refused with a token bound to another amount, then another payee; completed once with the right one. */
  async function stepUpAndConfirm(payment: Payment, payee: string) {
    const orderId = payment.orderId!;
    const before = await balances(platform, phone);
    const amount = payment.amount.amount;
    const context = { orderId, amount, sourceAccountId: zhangI.id, payeeName: payee };
    for (const wrong of [
      { ...context, amount: '1.00' },
      { ...context, payeeName: '某某公司' },
    ]) {
      const refused = await confirm(orderId, await passSmsChallenge(wrong));
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHALLENGE_FAILED', field: 'challengeToken' });
      await expectWaiting(orderId, before);
    }
    const token = await passSmsChallenge(context);
    const confirmed = await confirm(orderId, token);
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmOrder.order).toMatchObject({ id: orderId, status: 'COMPLETED', amount: { amount } });
    const after = await balances(platform, phone);
    expect(fen(before[zhangI.id]!) - fen(after[zhangI.id]!)).toBe(fen(amount));
    // The same token again answers the completed order; nothing moves twice.
    const again = await confirm(orderId, token);
    expect(again.body.data!.confirmOrder.order).toMatchObject({ id: orderId, status: 'COMPLETED' });
    expect(await balances(platform, phone)).toEqual(after);
  }

  it('a customer on a new device pays a bill after an SMS step-up', async () => {
    const key = newKey('bill-stepup');
    const asked = await payBill(ELECTRICITY, key);
    expect(asked.body.errors).toBeUndefined();
    const payment = asked.body.data!.payBill;
    expect(payment).toMatchObject({
      status: 'PENDING',
      amount: { amount: '168.35' },
      bill: { id: ELECTRICITY, status: 'UNPAID' },
      challenge: { challengeId: expect.any(String), methods: ['SMS'], payee: '国网浙江省电力有限公司' },
    });
    expect(await finance.order.findUniqueOrThrow({ where: { id: payment.orderId! } })).toMatchObject({
      kind: 'BILL_PAYMENT',
      status: 'CHALLENGE_REQUIRED',
      riskDecision: 'CHALLENGE',
    });
    // Asking again while it waits answers the same waiting payment and its challenge.
    const waiting = await payBill(ELECTRICITY, key);
    expect(waiting.body.data!.payBill).toMatchObject({
      id: payment.id,
      orderId: payment.orderId,
      status: 'PENDING',
      challenge: payment.challenge,
    });

    await stepUpAndConfirm(payment, payment.challenge!.payee!);
    // The SMS named the payee and the amount.
    const outbox = await platform.query<{ developmentSmsOutbox: { text: string }[] }>(
      'query($mobile: String!) { developmentSmsOutbox(mobile: $mobile) { text } }',
      { variables: { mobile: zhang.mobile } },
    );
    expect(outbox.body.data!.developmentSmsOutbox[0]!.text).toContain('国网浙江省电力有限公司 付款 168.35 元');

    // The replay answers the completed payment, the bill PAID by the order.
    const replay = await payBill(ELECTRICITY, key);
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data!.payBill).toMatchObject({
      id: payment.id,
      status: 'COMPLETED',
      orderId: payment.orderId,
      bill: { status: 'PAID' },
      challenge: null,
    });
    expect(await finance.order.count({ where: { ownerId: zhang.id, kind: 'BILL_PAYMENT', memo: ELECTRICITY } })).toBe(1);
  });

  it('a mobile top-up waits for the step-up and completes once', async () => {
    const key = newKey('topup-stepup');
    const asked = await topUp('13912345678', '50.00', key);
    expect(asked.body.errors).toBeUndefined();
    const payment = asked.body.data!.topUp;
    expect(payment).toMatchObject({ status: 'PENDING', amount: { amount: '50.00' }, challenge: { methods: ['SMS'], payee: '中国移动' } });
    await stepUpAndConfirm(payment, '中国移动');
    const replay = await topUp('13912345678', '50.00', key);
    expect(replay.body.data!.topUp).toMatchObject({ id: payment.id, status: 'COMPLETED', orderId: payment.orderId, challenge: null });
  });

  it('a loan repayment waits for the step-up and is applied to the loan once', async () => {
    const key = newKey('repay-stepup');
    const asked = await repayLoan(key);
    expect(asked.body.errors).toBeUndefined();
    const payment = asked.body.data!.repayLoan;
    expect(payment).toMatchObject({ status: 'PENDING', challenge: { methods: ['SMS'], payee: expect.stringMatching(/还款$/) } });
    const installment = payment.installmentNumber;
    await stepUpAndConfirm(payment, payment.challenge!.payee!);
    const replay = await repayLoan(key);
    expect(replay.body.data!.repayLoan).toMatchObject({
      id: payment.id,
      status: 'COMPLETED',
      installmentNumber: installment,
      challenge: null,
    });
    const limits = platform.store('limits');
    expect(await limits.loanInstallment.findFirstOrThrow({ where: { loanId: DEMO_LOAN_ID, number: installment } })).toMatchObject({
      status: 'PAID',
      paidByOrderId: payment.orderId,
    });
  });

  it('the sweeper fails every unanswered payment after the challenge window: nothing reserved or moved', async () => {
    const before = await balances(platform, phone);
    const bill = (await payBill(GAS, newKey('bill-swept'))).body.data!.payBill;
    const top = (await topUp('13912345678', '30.00', newKey('topup-swept'))).body.data!.topUp;
    const repayment = (await repayLoan(newKey('repay-swept'))).body.data!.repayLoan;
    const orderIds = [bill, top, repayment].map((payment) => {
      expect(payment).toMatchObject({ status: 'PENDING', challenge: { methods: ['SMS'] } });
      return payment.orderId!;
    });
    for (const orderId of orderIds) await expectWaiting(orderId, before);
    const sweep = () => platform.centers.finance!.workers.recovery!.runOnce();
    const drainOutbox = async () => {
      for (let pass = 0; pass < 10 && (await platform.centers.finance!.workers.outbox!.runOnce()) > 0; pass += 1);
    };
    const statuses = async () =>
      (await finance.order.findMany({ where: { id: { in: orderIds } }, select: { status: true, failureCode: true } })).map(
        (order) => `${order.status}:${order.failureCode ?? ''}`,
      );

    // Past the order's lease but inside the challenge window: waiting is not being stuck.
    platform.clock.advance(60_000);
    await sweep();
    expect(await statuses()).toEqual(['CHALLENGE_REQUIRED:', 'CHALLENGE_REQUIRED:', 'CHALLENGE_REQUIRED:']);

    platform.clock.advance(15 * 60_000);
    await sweep();
    expect(await statuses()).toEqual(['FAILED:CHALLENGE_EXPIRED', 'FAILED:CHALLENGE_EXPIRED', 'FAILED:CHALLENGE_EXPIRED']);
    await drainOutbox();
    expect(await platform.store('limits').limitReservation.count({ where: { orderId: { in: orderIds } } })).toBe(0);
    const life = platform.store('life');
    expect(await life.billPayment.findUniqueOrThrow({ where: { id: bill.id } })).toMatchObject({
      status: 'REJECTED',
      failureCode: 'CHALLENGE_EXPIRED',
    });
    expect(await life.bill.findUniqueOrThrow({ where: { id: GAS } })).toMatchObject({ status: 'UNPAID' });
    expect(await life.topUp.findUniqueOrThrow({ where: { id: top.id } })).toMatchObject({
      status: 'REJECTED',
      failureCode: 'CHALLENGE_EXPIRED',
    });
    expect(await platform.store('limits').loanRepayment.findUniqueOrThrow({ where: { id: repayment.id } })).toMatchObject({
      status: 'REJECTED',
      failureCode: 'CHALLENGE_EXPIRED',
    });

    // A late confirmation answers the failed order; nothing is consumed or moved.
    phone = await platform.login(zhang.mobile);
    const late = await confirm(orderIds[0]!, 'ct_not-a-real-token');
    expect(late.body.errors).toBeUndefined();
    expect(late.body.data!.confirmOrder.order).toMatchObject({ status: 'FAILED' });
    expect(await balances(platform, phone)).toEqual(before);
    expect(await ledgerAudit(platform)).toMatchObject({ unbalancedEntries: 0, duplicatePostings: 0, overdrawnCustomerAccounts: 0 });
  });

  it('a risk DENY still refuses the payment outright: no challenge, nothing waits', async () => {
    const secret = demoOperatorTotpSecret();
    const totpCode = generateSync({ secret, epoch: Math.floor(platform.clock.now().getTime() / 1000) });
    const staff = await platform.query<{ staffLogin: { accessToken: string } }>(
      'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
      { channel: 'OPS', variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } } },
    );
    const changed = await platform.query('mutation($i: RiskRuleChangeInput!) { updateRiskRule(input: $i) { version } }', {
      token: staff.body.data!.staffLogin.accessToken,
      channel: 'OPS',
      variables: { i: { code: 'UNTRUSTED_DEVICE', outcome: 'DENY' } },
    });
    expect(changed.body.errors).toBeUndefined();
    platform.clock.advance(61_000);
    phone = (await loginOnNewDevice(platform, zhang.mobile, 'zhang-second-phone')).accessToken;
    const before = await balances(platform, phone);
    const refused = await payBill(WATER, newKey('bill-denied'));
    expect(refused.body.errors).toBeUndefined();
    const payment = refused.body.data!.payBill;
    expect(payment).toMatchObject({ status: 'REJECTED', failureCode: 'RISK_DENIED', challenge: null, bill: { status: 'UNPAID' } });
    expect(await finance.order.findUniqueOrThrow({ where: { id: payment.orderId! } })).toMatchObject({ status: 'REJECTED' });
    expect(await balances(platform, phone)).toEqual(before);
  });
});

function fen(amount: string): bigint {
  return BigInt(amount.replace('.', ''));
}
