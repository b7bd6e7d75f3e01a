/**
 * Inflow limits of class II/III accounts (PBOC 银发〔2016〕302号, 银发〔2018〕16号): what a class II
 * account receives from accounts other than its bound class I account is at most 10,000.00 a day
 * (200,000.00 a year), a class III account's 5,000.00 (100,000.00), reserved by the limits center on
 * the payee's side of the paying order; a class III balance never goes above 2,000.00 (the account
 * center's posting statement). Transfers go through the gateway as customers make them; the
 * concurrency and yearly checks call the limits center's reserveLimit as finance does.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { shanghaiDayDate } from '../../platform/businessDay';
import { encryptedPayee } from '../../subgraphs/finance/service/payees';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { CREATE_TRANSFER, ledgerAudit, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [zhangI, zhangII, zhangIII] = zhang.accounts as [
  DemoCustomer['accounts'][0],
  DemoCustomer['accounts'][0],
  DemoCustomer['accounts'][0],
];
const liI = li.accounts[0]!;
const DAY_MS = 24 * 60 * 60 * 1000;

const TRANSFER = CREATE_TRANSFER.replace('code reason }', 'code reason limit }');
const RESERVE = 'mutation($input: LimitReservationInput!) { reserveLimit(input: $input) { ok limit reason } }';

interface Answer {
  __typename: string;
  order?: { id: string; status: string } | null;
  code?: string;
  reason?: string;
  limit?: string | null;
}

describe('inflow limits of class II/III accounts', () => {
  let platform: TestPlatform;
  let tokens: { zhang: string; li: string };

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    tokens = { zhang: await platform.login(zhang.mobile), li: await platform.login(li.mobile) };
    // 李秀英 has paid 张晓明's accounts before (known payees: no new-payee step-up in the way).
    await platform.store('finance').payee.createMany({
      data: [zhangI, zhangII, zhangIII].map((account, index) =>
        encryptedPayee({
          id: randomUUID(),
          ownerId: li.id,
          name: zhang.name,
          accountNumber: account.number,
          bankName: '本行',
          createdAt: new Date(Date.parse('2026-11-01T03:00:00Z') + index),
        }),
      ),
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const transfer = async (token: string, from: string, to: DemoCustomer['accounts'][0], amount: string): Promise<Answer> => {
    const { body } = await platform.query<{ createTransfer: Answer }>(TRANSFER, {
      token,
      variables: {
        input: { idempotencyKey: newKey('inflow'), fromAccountId: from, toAccountNumber: to.number, toName: zhang.name, amount },
      },
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.createTransfer;
  };
  const balanceOf = async (accountId: string) =>
    (await platform.store('account').account.findUniqueOrThrow({ where: { id: accountId } })).balance;
  const reservationsOf = (orderId: string) =>
    platform.store('limits').limitReservation.findMany({ where: { orderId }, orderBy: { direction: 'asc' } });
  const reserve = (
    payer: { customerId: string; accountId: string },
    payee: { customerId: string; accountId: string; accountClass: string },
    amount: string,
  ) =>
    platform.callCenter<{ reserveLimit: { ok: boolean; limit: string | null; reason: string | null } }>('limits', RESERVE, {
      as: { service: 'finance', actingFor: payer.customerId, scopes: ['limits:reserve'] },
      variables: {
        input: {
          orderId: randomUUID(),
          accountId: payer.accountId,
          accountClass: 'I',
          countsToClassLimit: true,
          channel: 'MOBILE_APP',
          amount,
          inflow: payee,
        },
      },
    });
  const settle = (field: 'commitLimitReservation' | 'releaseLimitReservation', orderId: string) =>
    platform.callCenter<Record<string, { status: string } | null>>('limits', `mutation($o: ID!) { ${field}(orderId: $o) { status } }`, {
      as: { service: 'finance', scopes: ['limits:reserve'] },
      variables: { o: orderId },
    });

  it('counts 9,000.00 from another customer into a class II account, then refuses 2,000.00 more that day with nothing posted or reserved', async () => {
    const received = await transfer(tokens.li, liI.id, zhangII, '9000.00');
    expect(received).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });
    // One row per side of the order: 李秀英's outflow and the class II account's inflow, both committed.
    expect(await reservationsOf(received.order!.id)).toMatchObject([
      { direction: 'OUTFLOW', customerId: li.id, accountId: liI.id, accountClass: 'I', amount: 900_000n, status: 'COMMITTED' },
      { direction: 'INFLOW', customerId: zhang.id, accountId: zhangII.id, accountClass: 'II', amount: 900_000n, status: 'COMMITTED' },
    ]);

    const before = { payer: await balanceOf(liI.id), payee: await balanceOf(zhangII.id) };
    const refused = await transfer(tokens.li, liI.id, zhangII, '2000.00');
    expect(refused).toMatchObject({
      __typename: 'TransferRejected',
      code: 'LIMIT_EXCEEDED',
      limit: 'CLASS_II_INFLOW_DAILY',
      order: { status: 'REJECTED' },
    });
    expect(refused.reason).toBe('收款账户为II类户，当日非绑定账户转入累计不得超过 10000.00 元');
    expect({ payer: await balanceOf(liI.id), payee: await balanceOf(zhangII.id) }).toEqual(before);
    expect(await reservationsOf(refused.order!.id)).toEqual([]);
    expect(await platform.store('account').journalEntry.count({ where: { orderId: refused.order!.id } })).toBe(0);
  });

  it("does not count money from the payee's own bound class I account", async () => {
    const own = await transfer(tokens.zhang, zhangI.id, zhangII, '5000.00');
    expect(own).toMatchObject({ __typename: 'TransferCompleted' });
    expect((await reservationsOf(own.order!.id)).map((row) => row.direction)).toEqual(['OUTFLOW']);
    // 9,000.00 counted so far: exactly 1,000.00 more fits, not a cent beyond.
    expect(await transfer(tokens.li, liI.id, zhangII, '1000.00')).toMatchObject({ __typename: 'TransferCompleted' });
    expect(await transfer(tokens.li, liI.id, zhangII, '0.01')).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'CLASS_II_INFLOW_DAILY' });
  });

  it('holds a class III balance at 2,000.00 and gives the released inflow usage back once', async () => {
    const before = await balanceOf(zhangIII.id); // 500.00
    expect(before).toBe(50_000n);
    const over = await transfer(tokens.li, liI.id, zhangIII, '1600.00');
    expect(over).toMatchObject({ __typename: 'TransferRejected', code: 'BALANCE_CAP_EXCEEDED' });
    expect(await balanceOf(zhangIII.id)).toBe(before);
    // Reserved on both sides, then released by the ledger's refusal.
    const released = await reservationsOf(over.order!.id);
    expect(released).toMatchObject([
      { direction: 'OUTFLOW', status: 'RELEASED' },
      { direction: 'INFLOW', accountId: zhangIII.id, accountClass: 'III', status: 'RELEASED' },
    ]);
    // A repeated release, or a late commit, changes neither row.
    expect((await settle('releaseLimitReservation', over.order!.id)).body.data).toEqual({
      releaseLimitReservation: { status: 'RELEASED' },
    });
    expect((await settle('commitLimitReservation', over.order!.id)).body.data).toEqual({ commitLimitReservation: { status: 'RELEASED' } });
    expect(await reservationsOf(over.order!.id)).toEqual(released);

    // Up to the cap is fine: 1,500.00 makes it exactly 2,000.00.
    expect(await transfer(tokens.li, liI.id, zhangIII, '1500.00')).toMatchObject({ __typename: 'TransferCompleted' });
    expect(await balanceOf(zhangIII.id)).toBe(200_000n);
    // The class III inflow counted today is 1,500.00, not 3,100.00: 3,500.00 more fits its 5,000.00 daily limit, 0.01 beyond does not.
    const payer = { customerId: randomUUID(), accountId: randomUUID() };
    const payee = { customerId: zhang.id, accountId: zhangIII.id, accountClass: 'III' };
    expect((await reserve(payer, payee, '3500.01')).body.data!.reserveLimit).toMatchObject({ ok: false, limit: 'CLASS_III_INFLOW_DAILY' });
    expect((await reserve(payer, payee, '3500.00')).body.data!.reserveLimit).toMatchObject({ ok: true });
    const refusal = (await reserve(payer, payee, '0.01')).body.data!.reserveLimit;
    expect(refusal).toMatchObject({ ok: false, limit: 'CLASS_III_INFLOW_DAILY' });
    expect(refusal.reason).toContain('5000.00');
    expect(await ledgerAudit(platform)).toMatchObject({ sumOfAllBalances: '0.00', unbalancedEntries: 0, overdrawnCustomerAccounts: 0 });
  });

  it('never lets concurrent payers overshoot one class II account, and opposite transfers between two customers do not deadlock', async () => {
    platform.clock.advance(DAY_MS); // a new business day: the class II account has received nothing today
    const payee = { customerId: zhang.id, accountId: zhangII.id, accountClass: 'II' };
    const payers = Array.from({ length: 8 }, () => ({ customerId: randomUUID(), accountId: randomUUID() }));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => reserve(payers[index % payers.length]!, payee, '1000.00')));
    const outcomes = answers.map((answer) => answer.body.data!.reserveLimit);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    expect(new Set(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.limit))).toEqual(new Set(['CLASS_II_INFLOW_DAILY']));
    const today = await platform.store('limits').limitReservation.aggregate({
      _sum: { amount: true },
      where: {
        accountId: zhangII.id,
        direction: 'INFLOW',
        status: { in: ['RESERVED', 'COMMITTED'] },
        businessDay: shanghaiDayDate(platform.clock.now()),
      },
    });
    expect(today._sum.amount).toBe(1_000_000n);

    // Two class II accounts of two customers paying each other at once: each order locks both customers, always in the same order.
    const x = { customerId: randomUUID(), accountId: randomUUID(), accountClass: 'II' };
    const y = { customerId: randomUUID(), accountId: randomUUID(), accountClass: 'II' };
    const crossing = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? reserve(x, y, '100.00') : reserve(y, x, '100.00'))),
    );
    expect(crossing.map((answer) => answer.body.errors ?? answer.body.data!.reserveLimit.ok)).toEqual(Array(20).fill(true));
  });

  it('refuses past the class II yearly inflow total with CLASS_II_INFLOW_YEARLY', async () => {
    const payee = { customerId: randomUUID(), accountId: randomUUID(), accountClass: 'II' };
    // 195,000.00 received earlier this year.
    await platform.store('limits').limitReservation.create({
      data: {
        orderId: randomUUID(),
        direction: 'INFLOW',
        customerId: payee.customerId,
        accountId: payee.accountId,
        accountClass: 'II',
        channel: 'WEB',
        amount: 19_500_000n,
        status: 'COMMITTED',
        businessDay: new Date('2026-01-15T00:00:00Z'),
        reservedAt: new Date('2026-01-15T02:00:00Z'),
      },
    });
    const payer = { customerId: randomUUID(), accountId: randomUUID() };
    expect((await reserve(payer, payee, '5000.01')).body.data!.reserveLimit).toMatchObject({ ok: false, limit: 'CLASS_II_INFLOW_YEARLY' });
    expect((await reserve(payer, payee, '5000.00')).body.data!.reserveLimit).toMatchObject({ ok: true });
    // A class I payee has no inflow limit to reserve against.
    const classI = await reserve(payer, { ...payee, accountClass: 'I' }, '1.00');
    expect(classI.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.inflow.accountClass' });
  });
});
