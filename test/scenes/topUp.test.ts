/**
 * Life's topUp through the gateway: a face value is paid once through a finance merchant order
 * (replays and concurrent duplicates with one key make one order), bad face values, numbers and
 * keys are refused with the field and nothing written, and the history shows the number masked.
 */
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient } from '../../subgraphs/life/__generated__/prisma/client';
import { balances, ledgerAudit, newKey } from '../money/helpers';

const TOP_UP = `mutation($input: TopUpInput!) {
  topUp(input: $input) { id status orderId failureCode maskedMobile carrier amount { amount } }
}`;
const HISTORY = '{ me { topUps { id status orderId maskedMobile carrier amount { amount } } } }';
const ENTRIES = 'query($ids: [ID!]!) { ledgerEntriesOfOrders(orderIds: $ids) { orderId phase amount } }';

interface TopUp {
  id: string;
  status: string;
  orderId: string | null;
  failureCode: string | null;
  maskedMobile: string;
  carrier: string;
  amount: { amount: string };
}

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const zhangAccount = zhang.accounts[0]!.id;

describe('topUp', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let life: PrismaClient;
  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
    life = platform.store('life');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const topUp = (input: Record<string, unknown>, token = zhangToken) =>
    platform.query<{ topUp: TopUp }>(TOP_UP, { token, variables: { input: { sourceAccountId: zhangAccount, ...input } } });
  const history = async (token = zhangToken) =>
    (await platform.query<{ me: { topUps: TopUp[] } }>(HISTORY, { token })).body.data!.me.topUps;

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

  it('tops up once: the carrier is detected, one finance order moves the money, a replay answers the same top-up', async () => {
    const before = await balances(platform, zhangToken);
    const key = newKey('topup');
    const first = await topUp({ mobile: '13912345678', amount: '100.00', idempotencyKey: key });
    expect(first.body.errors).toBeUndefined();
    const answer = first.body.data!.topUp;
    expect(answer).toMatchObject({
      status: 'COMPLETED',
      maskedMobile: '139****5678',
      carrier: 'CHINA_MOBILE',
      amount: { amount: '100.00' },
    });
    expect(answer.orderId).toBeTruthy();

    const replays = await Promise.all([1, 2, 3].map(() => topUp({ mobile: '13912345678', amount: '100', idempotencyKey: key })));
    for (const replay of replays) expect(replay.body.data!.topUp).toEqual(answer);

    const after = await balances(platform, zhangToken);
    expect(Math.round((Number(before[zhangAccount]) - Number(after[zhangAccount])) * 100)).toBe(100_00);
    expect(await entriesOf([answer.orderId!])).toEqual([{ orderId: answer.orderId, phase: 'FORWARD', amount: '100.00' }]);
    expect(await life.topUp.count({ where: { idempotencyKey: key } })).toBe(1);

    const orders = await platform.query<{ me: { orders: { edges: { node: { id: string; kind: string; status: string } }[] } } }>(
      '{ me { orders(first: 10) { edges { node { id kind status } } } } }',
      { token: zhangToken },
    );
    const own = orders.body.data!.me.orders.edges.filter((edge) => edge.node.id === answer.orderId);
    expect(own).toHaveLength(1);
    // A top-up is its own kind of order, not a bill payment.
    expect(own[0]!.node).toMatchObject({ kind: 'TOP_UP', status: 'COMPLETED' });

    const conflict = await topUp({ mobile: '13912345678', amount: '50.00', idempotencyKey: key });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });
  });

  it('concurrent duplicates with one key make one top-up and one order', async () => {
    const before = await balances(platform, zhangToken);
    const key = newKey('race');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => topUp({ mobile: '18612345678', amount: '30.00', idempotencyKey: key })),
    );
    expect(new Set(answers.map((answer) => answer.body.data?.topUp.id)).size).toBe(1);
    const finished = await topUp({ mobile: '18612345678', amount: '30.00', idempotencyKey: key });
    expect(finished.body.data!.topUp).toMatchObject({ status: 'COMPLETED', carrier: 'CHINA_UNICOM' });
    const after = await balances(platform, zhangToken);
    expect(Math.round((Number(before[zhangAccount]) - Number(after[zhangAccount])) * 100)).toBe(30_00);
    expect(await ledgerAudit(platform)).toMatchObject({ unbalancedEntries: 0, duplicatePostings: 0 });
  });

  it('refuses a face value not sold, a bad number, an unknown carrier and a bad key, writing nothing', async () => {
    const before = await balances(platform, zhangToken);
    const rows = await life.topUp.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ mobile: '13912345678', amount: '66.00', idempotencyKey: newKey('bad') }, 'input.amount'],
      [{ mobile: '13912345678', amount: '100.001', idempotencyKey: newKey('bad') }, 'input.amount'],
      [{ mobile: '1391234567', amount: '100.00', idempotencyKey: newKey('bad') }, 'input.mobile'],
      [{ mobile: '23912345678', amount: '100.00', idempotencyKey: newKey('bad') }, 'input.mobile'],
      [{ mobile: '17012345678', amount: '100.00', idempotencyKey: newKey('bad') }, 'input.carrier'],
      [{ mobile: '13912345678', amount: '100.00', idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ];
    for (const [input, field] of cases) {
      const answer = await topUp(input);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await life.topUp.count()).toBe(rows);
    expect(await balances(platform, zhangToken)).toEqual(before);

    // A virtual-operator number is accepted once the customer names the carrier.
    const named = await topUp({ mobile: '17012345678', amount: '50.00', carrier: 'CHINA_TELECOM', idempotencyKey: newKey('named') });
    expect(named.body.data!.topUp).toMatchObject({ status: 'COMPLETED', carrier: 'CHINA_TELECOM', maskedMobile: '170****5678' });
  });

  it("refuses another customer's account and anonymous callers", async () => {
    const liToken = await platform.login(li.mobile);
    const before = await balances(platform, liToken);
    const foreign = await topUp({ mobile: '13912345678', amount: '30.00', idempotencyKey: newKey('foreign') }, liToken);
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.sourceAccountId' });
    expect(await balances(platform, liToken)).toEqual(before);
    const rejected = (await history(liToken))[0];
    expect(rejected).toMatchObject({ status: 'REJECTED', orderId: null });

    const anonymous = await platform.query(TOP_UP, {
      variables: { input: { mobile: '13912345678', amount: '30.00', sourceAccountId: zhangAccount, idempotencyKey: newKey('anon') } },
    });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists top-ups newest first with the number masked; the store keeps it encrypted', async () => {
    const rows = await history();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((row) => /^1\d{2}\*{4}\d{4}$/.test(row.maskedMobile))).toBe(true);
    expect(rows.map((row) => row.amount.amount)).toEqual(expect.arrayContaining(['100.00', '30.00', '50.00']));
    const stored = await life.topUp.findMany({ where: { customerId: zhang.id } });
    expect(stored.length).toBe(rows.length);
    const everything = JSON.stringify(stored.map((row) => ({ ...row, amount: row.amount.toString() })));
    for (const mobile of ['13912345678', '18612345678', '17012345678']) expect(everything).not.toContain(mobile);
  });
});
