/**
 * Life's payBill through the gateway: the bill is paid once (replays, concurrent duplicates with
 * the same or different keys), the money leaves the customer's account for MERCHANT_SETTLEMENT
 * through a finance order, the bill is marked PAID by that order, and another customer's bill or
 * account is refused.
 */
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { balances, ledgerAudit, newKey } from '../money/helpers';

const PAY = `mutation($input: PayBillInput!) {
  payBill(input: $input) { id status orderId failureCode failureReason amount { amount } bill { id status } }
}`;
const HISTORY = '{ me { billPayments { id status orderId amount { amount } bill { id period } } } }';
const BILLS = `query($b: ID!, $n: String!) { bills(billerId: $b, customerNumber: $n) { id status } }`;
const ENTRIES = 'query($ids: [ID!]!) { ledgerEntriesOfOrders(orderIds: $ids) { orderId phase amount } }';

interface Payment {
  id: string;
  status: string;
  orderId: string | null;
  failureCode: string | null;
  amount: { amount: string };
  bill: { id: string; status: string };
}

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const zhangAccount = zhang.accounts[0]!.id;

describe('payBill', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
  });
  afterAll(() => platform?.stop());

  const pay = (token: string, billId: string, idempotencyKey: string, sourceAccountId = zhangAccount) =>
    platform.query<{ payBill: Payment }>(PAY, { token, variables: { input: { billId, sourceAccountId, idempotencyKey } } });

  async function entriesOf(orderIds: string[]) {
    const { body } = await platform.callCenter<{ ledgerEntriesOfOrders: { orderId: string; phase: string; amount: string }[] }>(
      'account',
      ENTRIES,
      {
        variables: { ids: orderIds },
        as: { service: 'finance', scopes: ['account:ledger:read'] },
      },
    );
    return body.data!.ledgerEntriesOfOrders;
  }

  it('pays a bill once: the balance moves, the bill is PAID by the order, a replay answers the same payment', async () => {
    const before = await balances(platform, zhangToken);
    const key = newKey('bill');
    const first = await pay(zhangToken, 'bill-electricity-3307020001-202611', key);
    expect(first.body.errors).toBeUndefined();
    const payment = first.body.data!.payBill;
    expect(payment).toMatchObject({
      status: 'COMPLETED',
      amount: { amount: '168.35' },
      bill: { id: 'bill-electricity-3307020001-202611', status: 'PAID' },
    });
    expect(payment.orderId).toBeTruthy();

    const replay = await pay(zhangToken, 'bill-electricity-3307020001-202611', key);
    expect(replay.body.data!.payBill).toEqual(payment);

    const again = await pay(zhangToken, 'bill-electricity-3307020001-202611', newKey('bill'));
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BILL_ALREADY_PAID', field: 'input.billId' });

    const after = await balances(platform, zhangToken);
    expect(Number(before[zhangAccount]) - Number(after[zhangAccount])).toBeCloseTo(168.35, 2);
    expect(await entriesOf([payment.orderId!])).toEqual([{ orderId: payment.orderId, phase: 'FORWARD', amount: '168.35' }]);

    const bills = await platform.query<{ bills: { id: string; status: string }[] }>(BILLS, {
      token: zhangToken,
      variables: { b: 'biller-electricity-zj', n: '3307020001' },
    });
    expect(bills.body.data!.bills.find((bill) => bill.id === 'bill-electricity-3307020001-202611')?.status).toBe('PAID');

    const order = await platform.query<{ me: { orders: { edges: { node: { id: string; kind: string; status: string } }[] } } }>(
      '{ me { orders(first: 5) { edges { node { id kind status } } } } }',
      { token: zhangToken },
    );
    expect(order.body.data!.me.orders.edges.map((edge) => edge.node)).toContainEqual({
      id: payment.orderId,
      kind: 'BILL_PAYMENT',
      status: 'COMPLETED',
    });
  });

  it('concurrent duplicates pay once, with the same key or with different keys', async () => {
    const before = await balances(platform, zhangToken);
    const key = newKey('dup');
    const same = await Promise.all(Array.from({ length: 6 }, () => pay(zhangToken, 'bill-water-33070001-202611', key)));
    const sameIds = new Set(same.map((answer) => answer.body.data?.payBill.id));
    expect(sameIds.size).toBe(1);
    const finished = await pay(zhangToken, 'bill-water-33070001-202611', key);
    expect(finished.body.data!.payBill.status).toBe('COMPLETED');

    const different = await Promise.all(Array.from({ length: 6 }, () => pay(zhangToken, 'bill-gas-330700001-202611', newKey('race'))));
    const paid = different.filter((answer) => answer.body.data?.payBill);
    const refused = different.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'BILL_ALREADY_PAID');
    expect(paid).toHaveLength(1);
    expect(refused).toHaveLength(5);
    expect(paid[0]!.body.data!.payBill.status).toBe('COMPLETED');

    const after = await balances(platform, zhangToken);
    expect(Math.round((Number(before[zhangAccount]) - Number(after[zhangAccount])) * 100)).toBe(45_60 + 86_00);
    const audit = await ledgerAudit(platform);
    expect(audit).toMatchObject({ unbalancedEntries: 0, overdrawnCustomerAccounts: 0, duplicatePostings: 0 });

    const history = await platform.query<{ me: { billPayments: Payment[] } }>(HISTORY, { token: zhangToken });
    const completed = history.body
      .data!.me.billPayments.filter((payment) => payment.status === 'COMPLETED')
      .map((payment) => payment.bill.id)
      .sort();
    expect(completed).toEqual(['bill-electricity-3307020001-202611', 'bill-gas-330700001-202611', 'bill-water-33070001-202611']);
  });

  it("refuses another customer's bill and another customer's account; nothing moves", async () => {
    const liToken = await platform.login(li.mobile);
    const before = await balances(platform, liToken);
    const foreignBill = await pay(liToken, 'bill-electricity-3307020001-202610', newKey('foreign'), li.accounts[0]!.id);
    expect(foreignBill.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreignAccount = await pay(liToken, 'bill-electricity-3307020002-202611', newKey('foreign'), zhangAccount);
    expect(foreignAccount.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await balances(platform, liToken)).toEqual(before);
    // The refused attempt released its claim: she can still pay her own bill.
    const own = await pay(liToken, 'bill-electricity-3307020002-202611', newKey('own'), li.accounts[0]!.id);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.payBill).toMatchObject({ status: 'COMPLETED', amount: { amount: '98.20' } });
    const history = await platform.query<{ me: { billPayments: Payment[] } }>(HISTORY, { token: liToken });
    expect(history.body.data!.me.billPayments.map((payment) => payment.bill.id)).not.toContain('bill-electricity-3307020001-202610');
  });

  it('refuses anonymous callers and bad keys', async () => {
    const anonymous = await platform.query(PAY, {
      variables: { input: { billId: 'bill-gas-330700001-202611', sourceAccountId: zhangAccount, idempotencyKey: newKey('anon') } },
    });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await pay(zhangToken, 'bill-gas-330700001-202611', 'short');
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  });
});
