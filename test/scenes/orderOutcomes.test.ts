/**
 * Rows that wait for a finance order (life's bill payments and top-ups, the limits center's loan
 * repayments) learn the order's end from finance's order events, not only from a replay of the
 * client's key. Finance's answer is lost on the way back (a proxy in front of finance passes the
 * request on and answers 504, as a timeout would), so the row stays PENDING; the outbox relay then
 * settles it (COMPLETED) or releases it (REJECTED), once per event, from finance only; the daily
 * reconciliation lists a row still PENDING 10 minutes after its order ended.
 */
import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as platformConfig from '../../platform/config';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { balances, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const PAY = `mutation($input: PayBillInput!) { payBill(input: $input) { id status orderId failureCode bill { id status } } }`;
const TOP_UP = `mutation($input: TopUpInput!) { topUp(input: $input) { id status orderId } }`;
const REPAY = `mutation($input: RepayLoanInput!) { repayLoan(input: $input) { id status orderId installmentNumber } }`;
const APPLY_LIFE = 'mutation($event: LifeOrderEventInput!) { applyLifeOrderEvent(event: $event) }';

/** Center addresses are configuration: where it is parsed once and kept, it is read again after a change. */
function rereadConfiguration() {
  (platformConfig as { reloadConfig?: () => unknown }).reloadConfig?.();
}

const zhang = DEMO_CUSTOMERS[0]!;
const zhangAccount = zhang.accounts[0]!.id;
const DEMO_LOAN = 'b1a80001-0000-4000-8000-000000000001';

describe('order outcomes reach the rows that asked for them', () => {
  let platform: TestPlatform;
  let token: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await platform.login(zhang.mobile);
  });
  afterAll(() => platform?.stop());

  /** Runs `work` with finance's answers to other centers lost: the request reaches finance, the caller gets 504. */
  async function withFinanceAnswersLost<T>(work: () => Promise<T>): Promise<T> {
    const financeUrl = platform.centers.finance!.url;
    let forwarded = 0;
    const proxy = createServer((request: IncomingMessage, response) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(
            (entry): entry is [string, string] =>
              typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
          ),
        );
        await fetch(financeUrl, { method: 'POST', headers, body: Buffer.concat(chunks) }).then((answer) => answer.text());
        forwarded += 1;
        response.writeHead(504, { 'content-type': 'text/plain' }).end('upstream timed out');
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    process.env.FINANCE_URL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    rereadConfiguration();
    try {
      const result = await work();
      expect(forwarded).toBeGreaterThan(0);
      return result;
    } finally {
      process.env.FINANCE_URL = financeUrl;
      rereadConfiguration();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }

  const relay = () => platform.centers.finance!.workers.outbox!.runOnce();

  /** Delivers every due order event (the relay's loop, run by hand). */
  async function relayAll() {
    for (let pass = 0; pass < 20 && (await relay()) > 0; pass += 1);
  }

  const pay = (billId: string, idempotencyKey: string) =>
    platform.query<{ payBill: { id: string; status: string; orderId: string | null; failureCode: string | null } }>(PAY, {
      token,
      variables: { input: { billId, sourceAccountId: zhangAccount, idempotencyKey } },
    });

  async function financeOrderByKey(key: string) {
    return platform.store('finance').order.findFirstOrThrow({ where: { ownerId: zhang.id, idempotencyKey: key } });
  }

  // First: a repayment far above the customer's recent payments would need a step-up (AMOUNT_ABOVE_HISTORY).
  it('a loan repayment whose answer was lost is applied to the loan when its order completes', async () => {
    const store = platform.store('limits');
    const loan = await store.loan.findUniqueOrThrow({ where: { id: DEMO_LOAN } });
    const key = newKey('repay');
    const lost = await withFinanceAnswersLost(() =>
      platform.query(REPAY, { token, variables: { input: { loanId: DEMO_LOAN, sourceAccountId: zhangAccount, idempotencyKey: key } } }),
    );
    expect(lost.body.errors?.[0]).toBeDefined();
    const repayment = await store.loanRepayment.findFirstOrThrow({ where: { customerId: zhang.id, idempotencyKey: key } });
    expect(repayment.status).toBe('PENDING');
    const order = await financeOrderByKey(`loanrepay-${repayment.id}`);
    expect(order).toMatchObject({ status: 'COMPLETED', failureCode: null });

    await relayAll();
    expect(await store.loanRepayment.findUniqueOrThrow({ where: { id: repayment.id } })).toMatchObject({
      status: 'COMPLETED',
      orderId: order.id,
    });
    const installment = await store.loanInstallment.findFirstOrThrow({ where: { loanId: DEMO_LOAN, number: repayment.installmentNumber } });
    expect(installment).toMatchObject({ status: 'PAID', paidByOrderId: order.id });
    expect((await store.loan.findUniqueOrThrow({ where: { id: DEMO_LOAN } })).outstandingPrincipal).toBe(
      loan.outstandingPrincipal - repayment.principal,
    );
  });

  it('a bill payment whose answer was lost settles when its order completes, without a replay', async () => {
    const billId = 'bill-electricity-3307020001-202611';
    const before = await balances(platform, token);
    const lost = await withFinanceAnswersLost(() => pay(billId, newKey('bill')));
    expect(lost.body.errors?.[0]).toBeDefined();

    const life = platform.store('life');
    const payment = await life.billPayment.findFirstOrThrow({ where: { billId } });
    expect(payment.status).toBe('PENDING');
    const order = await financeOrderByKey(`billpay-${payment.id}`);
    expect(order.status).toBe('COMPLETED');
    expect(Number(before[zhangAccount]) - Number((await balances(platform, token))[zhangAccount])).toBeCloseTo(168.35, 2);

    await relayAll();
    expect(await life.billPayment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: 'COMPLETED',
      orderId: order.id,
    });
    expect(await life.bill.findUniqueOrThrow({ where: { id: billId } })).toMatchObject({ status: 'PAID', paidByOrderId: order.id });
    // Paid once: a new key finds the bill paid, and no second order was made.
    const again = await pay(billId, newKey('bill'));
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BILL_ALREADY_PAID' });
    expect(await platform.store('finance').order.count({ where: { ownerId: zhang.id, kind: 'BILL_PAYMENT', memo: billId } })).toBe(1);
  });

  it('an event is applied once: a redelivery changes nothing, and only finance may deliver', async () => {
    const payment = await platform.store('life').billPayment.findFirstOrThrow({ where: { billId: 'bill-electricity-3307020001-202611' } });
    const completed = await platform.store('finance').outboxEvent.findFirstOrThrow({
      where: { aggregateId: payment.orderId!, type: 'ORDER_COMPLETED' },
    });
    const event = {
      eventId: completed.id,
      orderId: payment.orderId,
      customerId: zhang.id,
      orderKey: `billpay-${payment.id}`,
      status: 'COMPLETED',
    };
    const redelivered = await platform.callCenter<{ applyLifeOrderEvent: boolean }>('life', APPLY_LIFE, {
      variables: { event },
      as: { service: 'finance', scopes: ['life:order-events:apply'] },
    });
    expect(redelivered.body).toEqual({ data: { applyLifeOrderEvent: false } });

    // A release forged by another center (even one holding the scope) is refused and changes nothing.
    const forged = await platform.callCenter('life', APPLY_LIFE, {
      variables: { event: { ...event, eventId: 'forged-event-0001', status: 'FAILED' } },
      as: { service: 'marketing', scopes: ['life:order-events:apply'] },
    });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const customer = await platform.callCenter('life', APPLY_LIFE, { variables: { event }, as: { customerId: zhang.id } });
    expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await platform.store('life').billPayment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('a failed order releases its bill: the payment is REJECTED with the reason and a new key pays', async () => {
    const billId = 'bill-water-33070001-202611';
    const limits = platform.store('limits');
    // A single-payment limit of 10.00 on this channel: finance rejects the 45.60 bill (LIMIT_EXCEEDED).
    await limits.customerLimit.create({ data: { customerId: zhang.id, channel: 'MOBILE_APP', period: 'SINGLE', amount: 10_00n } });
    await withFinanceAnswersLost(() => pay(billId, newKey('bill')));
    const payment = await platform.store('life').billPayment.findFirstOrThrow({ where: { billId } });
    expect(payment.status).toBe('PENDING');
    expect((await financeOrderByKey(`billpay-${payment.id}`)).status).toBe('REJECTED');
    await limits.customerLimit.deleteMany({ where: { customerId: zhang.id } });

    await relayAll();
    expect(await platform.store('life').billPayment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: 'REJECTED',
      failureCode: 'LIMIT_EXCEEDED',
    });
    const retry = await pay(billId, newKey('bill'));
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.payBill).toMatchObject({ status: 'COMPLETED', bill: { id: billId, status: 'PAID' } });
  });

  it('a top-up whose answer was lost settles when its order completes', async () => {
    const key = newKey('topup');
    const variables = { input: { mobile: '13912345678', amount: '50.00', sourceAccountId: zhangAccount, idempotencyKey: key } };
    const lost = await withFinanceAnswersLost(() => platform.query(TOP_UP, { token, variables }));
    expect(lost.body.errors?.[0]).toBeDefined();
    const row = await platform.store('life').topUp.findFirstOrThrow({ where: { customerId: zhang.id, idempotencyKey: key } });
    expect(row.status).toBe('PENDING');
    const order = await financeOrderByKey(`topup-${row.id}`);
    expect(order.status).toBe('COMPLETED');

    await relayAll();
    expect(await platform.store('life').topUp.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'COMPLETED',
      orderId: order.id,
    });
  });

  it('the daily reconciliation lists a row still PENDING 10 minutes after its order ended', async () => {
    const billId = 'bill-gas-330700001-202611';
    await withFinanceAnswersLost(() => pay(billId, newKey('bill')));
    const payment = await platform.store('life').billPayment.findFirstOrThrow({ where: { billId } });
    const order = await financeOrderByKey(`billpay-${payment.id}`);
    expect(payment.status).toBe('PENDING');
    const stuck = async () => {
      const report = await reconciliation(platform, shanghaiToday(platform));
      expect(report.errors).toBeUndefined();
      return report.data!.reconciliationReport.mismatches.filter((mismatch) => mismatch.code === 'REQUESTER_ROW_PENDING');
    };

    platform.clock.advance(9 * 60_000);
    expect(await stuck()).toEqual([]); // its event may still be on the way
    platform.clock.advance(2 * 60_000);
    const listed = await stuck();
    expect(listed).toEqual([
      { orderId: order.id, code: 'REQUESTER_ROW_PENDING', detail: expect.stringContaining(`billpay-${payment.id}`) },
    ]);

    await relayAll();
    expect(await stuck()).toEqual([]);
  });
});
