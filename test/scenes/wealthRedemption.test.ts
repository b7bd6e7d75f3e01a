/**
 * redeemWealthProduct through the gateway, against real databases: T0 credits once from
 * PRODUCT_CUSTODY and takes the shares once; concurrent redemptions never take more shares than
 * held; the product's daily cap; the class III balance cap rejects the credit and gives the shares
 * back; AT_MATURITY refused before maturity, paid (rounded down) after; T1 pending, then settled once
 * by the settlement worker across a finance restart, even after a pass that died half-way; replay,
 * conflict, another customer's holding; every entry balanced, the sum of balances unchanged, and a
 * clean reconciliation.
 *
 * @longRunning
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startCenter } from '../../subgraphs/kit/server/startCenter';
import { startTestPlatform, TEST_DEVELOPMENT_FEATURES, TestPlatform } from '../support/platform';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { financeCenter } from '../../subgraphs/finance/subgraph';
import { createMoneyDeps } from '../../subgraphs/finance/context';
import { createWealthCentersClient } from '../../subgraphs/finance/wealthCenters';
import { redeemWealthProduct } from '../../subgraphs/finance/service/redemptions';
import { createLogger } from '../../platform/observability/logger';
import { shanghaiDay, startOfShanghaiDay } from '../../platform/businessDay';
import { CREATE_TRANSFER, TransferAnswer, balances, ledgerAudit, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const [zhangI, , zhangIII] = zhang.accounts as [DemoCustomer['accounts'][0], DemoCustomer['accounts'][0], DemoCustomer['accounts'][0]];
const DAILY_T0 = 'd0a80001-0000-4000-8000-000000000101'; // 丰收天天利: T0, NAV 1.0000, daily cap 10,000.00
const STEADY_90 = 'd0a80001-0000-4000-8000-000000000102'; // AT_MATURITY after 90 days, NAV 1.0213
const EQUITY_T1 = 'd0a80001-0000-4000-8000-000000000110'; // 丰收权益精选: T1, R5, NAV 0.9215
const DAY_MS = 24 * 60 * 60 * 1000;

const SUBSCRIBE = `mutation($input: SubscribeWealthProductInput!) {
  subscribeWealthProduct(input: $input) { order { id status } holding { id shares sharesHeld } }
}`;
const REDEEM = `mutation($input: RedeemWealthProductInput!) {
  redeemWealthProduct(input: $input) {
    order { id kind status amount { amount } failureReason }
    holding { id shares sharesHeld currentNav value { amount } }
    shares nav amount { amount } mode pending settlesAt
  }
}`;

interface Redemption {
  order: { id: string; kind: string; status: string; amount: { amount: string }; failureReason: string | null };
  holding: { id: string; shares: string; sharesHeld: string; currentNav: string; value: { amount: string } };
  shares: string;
  nav: string;
  amount: { amount: string };
  mode: string;
  pending: boolean;
  settlesAt: string;
}

const fen = (amount: string) => BigInt(amount.replace('.', ''));

describe('redeemWealthProduct', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let account: AccountPrisma;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    account = platform.store('account');
    token = await platform.login(zhang.mobile);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const nextDay = async () => {
    platform.clock.advance(DAY_MS);
    token = await platform.login(zhang.mobile);
  };
  const buy = async (productId: string, amount: string, sourceAccountId = zhangI.id) => {
    const { body } = await platform.query<{
      subscribeWealthProduct: { order: { status: string }; holding: { id: string; shares: string } };
    }>(SUBSCRIBE, {
      token,
      variables: { input: { productId, sourceAccountId, amount, idempotencyKey: newKey('buy') } },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.subscribeWealthProduct.order.status).toBe('COMPLETED');
    return body.data!.subscribeWealthProduct.holding;
  };
  const redeem = (input: Record<string, unknown>, as = token) =>
    platform.query<{ redeemWealthProduct: Redemption }>(REDEEM, { token: as, variables: { input } });
  const custody = async () => (await account.account.findUniqueOrThrow({ where: { id: 'gl-product-custody' } })).balance;
  const entriesOf = (orderId: string) => account.journalEntry.findMany({ where: { orderId }, include: { postings: true } });

  it('T0: credits the buying account once at the current NAV and takes the shares once; a replay answers the same', async () => {
    const holding = await buy(DAILY_T0, '1000.00');
    expect(holding.shares).toBe('1000.00');
    const audit = await ledgerAudit(platform);
    const before = await balances(platform, token);
    const custodyBefore = await custody();
    const input = { holdingId: holding.id, shares: '250.50', idempotencyKey: newKey('redeem') };

    const { body } = await redeem(input);
    expect(body.errors).toBeUndefined();
    const result = body.data!.redeemWealthProduct;
    expect(result).toMatchObject({
      order: { kind: 'WEALTH_REDEMPTION', status: 'COMPLETED', amount: { amount: '250.50' } },
      holding: { id: holding.id, shares: '1000.00', sharesHeld: '749.50', currentNav: '1.0000', value: { amount: '749.50' } },
      shares: '250.50',
      nav: '1.0000',
      mode: 'T0',
      pending: false,
    });

    const replay = await redeem(input);
    expect(replay.body.data!.redeemWealthProduct).toEqual(result);
    const conflict = await redeem({ ...input, shares: '1.00' });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });

    const after = await balances(platform, token);
    expect(fen(after[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(250_50n);
    expect(custodyBefore - (await custody())).toBe(250_50n);
    const entries = await entriesOf(result.order.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.postings.reduce((sum, posting) => sum + posting.amount, 0n)).toBe(0n);
    expect((await finance.holding.findUniqueOrThrow({ where: { id: holding.id } })).sharesRedeemed).toBe(250_50n);
    expect(await ledgerAudit(platform)).toEqual({ ...audit, sumOfAllBalances: audit.sumOfAllBalances });
  });

  it('concurrent redemptions of one holding never take more shares than it holds', async () => {
    await nextDay();
    const holding = await buy(DAILY_T0, '1000.00');
    const before = await balances(platform, token);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => redeem({ holdingId: holding.id, shares: '150.00', idempotencyKey: newKey('race') })),
    );
    const completed = answers.filter((answer) => answer.body.data?.redeemWealthProduct.order.status === 'COMPLETED');
    const refused = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'INSUFFICIENT_SHARES');
    expect(completed).toHaveLength(6);
    expect(refused).toHaveLength(4);
    expect(refused[0]!.body.errors![0]!.extensions).toMatchObject({ field: 'input.shares' });
    const after = await balances(platform, token);
    expect(fen(after[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(900_00n);
    const row = await finance.holding.findUniqueOrThrow({ where: { id: holding.id } });
    expect(row.shares - row.sharesRedeemed).toBe(100_00n);
    expect(await finance.wealthRedemption.count({ where: { holdingId: holding.id } })).toBe(6);
    // More than is left is refused with nothing written.
    const tooMany = await redeem({ holdingId: holding.id, shares: '100.01', idempotencyKey: newKey('over') });
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_SHARES', sharesHeld: '100.00' });
  });

  it("the product's daily cap (10,000.00) counts per customer and day", async () => {
    await nextDay();
    const holding = await buy(DAILY_T0, '12000.00');
    expect(
      (await redeem({ holdingId: holding.id, shares: '6000.00', idempotencyKey: newKey('cap') })).body.data!.redeemWealthProduct.order
        .status,
    ).toBe('COMPLETED');
    const over = await redeem({ holdingId: holding.id, shares: '5000.00', idempotencyKey: newKey('cap') });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({
      code: 'REDEMPTION_CAP_EXCEEDED',
      field: 'input.shares',
      remaining: '4000.00',
    });
    await nextDay();
    expect(
      (await redeem({ holdingId: holding.id, shares: '5000.00', idempotencyKey: newKey('cap') })).body.data!.redeemWealthProduct.order
        .status,
    ).toBe('COMPLETED');
  });

  it('a credit over the class III balance cap is rejected and the shares come back', async () => {
    await nextDay();
    const holding = await buy(DAILY_T0, '400.00', zhangIII.id);
    // Fill the class III account (cap 2,000.00) from his own class I account: 100.00 + 1,650.00 = 1,750.00.
    const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token,
      variables: {
        input: {
          fromAccountId: zhangI.id,
          toAccountNumber: zhangIII.number,
          toName: zhang.name,
          amount: '1650.00',
          idempotencyKey: newKey('fill'),
        },
      },
    });
    expect(body.data?.createTransfer.__typename).toBe('TransferCompleted');
    const answer = await redeem({ holdingId: holding.id, shares: '400.00', idempotencyKey: newKey('cap3') });
    expect(answer.body.data!.redeemWealthProduct).toMatchObject({ order: { status: 'REJECTED' }, holding: { sharesHeld: '400.00' } });
    expect((await finance.order.findUniqueOrThrow({ where: { id: answer.body.data!.redeemWealthProduct.order.id } })).failureCode).toBe(
      'BALANCE_CAP_EXCEEDED',
    );
    expect((await balances(platform, token))[zhangIII.id]).toBe('1750.00');
    // Within the cap it goes through.
    expect(
      (await redeem({ holdingId: holding.id, shares: '250.00', idempotencyKey: newKey('cap3') })).body.data!.redeemWealthProduct,
    ).toMatchObject({ order: { status: 'COMPLETED' }, holding: { sharesHeld: '150.00' } });
  });

  it('a T0 redemption an outage left CREATED is failed by the sweeper, and its shares come back exactly once', async () => {
    await nextDay();
    const holding = await buy(DAILY_T0, '300.00');
    const deps = {
      ...createMoneyDeps(finance, { clock: platform.clock, log: createLogger('redemption-test') }),
      wealth: createWealthCentersClient(platform.clock),
    };
    const ledgerDown = {
      ...deps,
      account: {
        ...deps.account,
        post: async () => {
          throw new Error('account center unavailable');
        },
      },
    };
    await expect(
      redeemWealthProduct(
        ledgerDown,
        { customerId: zhang.id, channel: 'MOBILE_APP' },
        { holdingId: holding.id, shares: '200.00', idempotencyKey: newKey('outage') },
      ),
    ).rejects.toThrow('unavailable');
    const stuck = await finance.wealthRedemption.findFirstOrThrow({ where: { holdingId: holding.id } });
    const held = async () => {
      const row = await finance.holding.findUniqueOrThrow({ where: { id: holding.id } });
      return row.shares - row.sharesRedeemed;
    };
    expect(await held()).toBe(100_00n);

    platform.clock.advance(60_000); // past the request's lease
    await platform.centers.finance!.workers.recovery!.runOnce();
    expect(await finance.order.findUniqueOrThrow({ where: { id: stuck.orderId } })).toMatchObject({
      status: 'FAILED',
      failureCode: 'RECOVERY_ABANDONED',
    });
    expect(await held()).toBe(300_00n);
    platform.clock.advance(60_000);
    await platform.centers.finance!.workers.recovery!.runOnce();
    expect(await held()).toBe(300_00n);
    token = await platform.login(zhang.mobile);
    expect(
      (await redeem({ holdingId: holding.id, shares: '300.00', idempotencyKey: newKey('after') })).body.data!.redeemWealthProduct,
    ).toMatchObject({ order: { status: 'COMPLETED' }, holding: { sharesHeld: '0.00' } });
  });

  it("another customer's holding is FORBIDDEN and an unknown one HOLDING_NOT_FOUND, nothing written", async () => {
    const holding = await finance.holding.findFirstOrThrow({ where: { ownerId: zhang.id } });
    const liToken = await platform.login(li.mobile);
    const orders = await finance.order.count();
    const foreign = await redeem({ holdingId: holding.id, shares: '1.00', idempotencyKey: newKey('foreign') }, liToken);
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.holdingId' });
    const unknown = await redeem({ holdingId: '7d0e7f4e-0000-4000-8000-000000000000', shares: '1.00', idempotencyKey: newKey('unknown') });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'HOLDING_NOT_FOUND', field: 'input.holdingId' });
    const badShares = await redeem({ holdingId: holding.id, shares: '1.005', idempotencyKey: newKey('bad') });
    expect(badShares.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.shares' });
    expect(await finance.order.count()).toBe(orders);
  });

  it('AT_MATURITY: refused before maturity with the date; at maturity shares × NAV rounded down', async () => {
    const holding = await buy(STEADY_90, '10000.00');
    expect(holding.shares).toBe('9791.44');
    const early = await redeem({ holdingId: holding.id, shares: '9791.44', idempotencyKey: newKey('early') });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'REDEMPTION_NOT_ALLOWED', field: 'input.holdingId' });
    expect(early.body.errors![0]!.extensions!.maturesOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const maturity = startOfShanghaiDay(early.body.errors![0]!.extensions!.maturesOn as string).getTime();
    platform.clock.advance(maturity - platform.clock.now().getTime() + 60_000);
    token = await platform.login(zhang.mobile);
    const before = await balances(platform, token);
    const { body } = await redeem({ holdingId: holding.id, shares: '9791.44', idempotencyKey: newKey('mature') });
    // 9791.44 × 1.0213 = 9999.997672 → 9999.99 (never more than the shares are worth).
    expect(body.data!.redeemWealthProduct).toMatchObject({
      order: { status: 'COMPLETED' },
      amount: { amount: '9999.99' },
      mode: 'AT_MATURITY',
      holding: { sharesHeld: '0.00', value: { amount: '0.00' } },
    });
    expect(fen((await balances(platform, token))[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(9999_99n);
  });

  it('T1: pending until the next working day, then settled once by the worker across a finance restart', async () => {
    // 丰收权益精选 is R5: 张晓明 retakes the questionnaire as C5 (written straight into the user center's store).
    const users = platform.store('user');
    await users.customer.update({
      where: { id: zhang.id },
      data: {
        riskGrade: 'C5',
        riskAssessedAt: platform.clock.now(),
        riskExpiresAt: new Date(platform.clock.now().getTime() + 365 * DAY_MS),
      },
    });
    const holding = await buy(EQUITY_T1, '1000.00');
    expect(holding.shares).toBe('1085.18'); // 1,000.00 / 0.9215
    const audit = await ledgerAudit(platform);
    const before = await balances(platform, token);

    const { body } = await redeem({ holdingId: holding.id, shares: '1000.00', idempotencyKey: newKey('t1') });
    expect(body.errors).toBeUndefined();
    const pending = body.data!.redeemWealthProduct;
    expect(pending).toMatchObject({
      order: { status: 'CREATED' },
      amount: { amount: '921.50' },
      mode: 'T1',
      pending: true,
      holding: { sharesHeld: '85.18' },
    });
    expect(new Date(pending.settlesAt).getTime()).toBeGreaterThan(platform.clock.now().getTime());
    expect(await balances(platform, token)).toEqual(before);
    // Not due yet; and the sweeper leaves a parked redemption alone.
    expect(await platform.centers.finance!.workers.redemptions!.runOnce()).toBe(0);
    platform.clock.advance(60_000);
    await platform.centers.finance!.workers.recovery!.runOnce();
    expect((await finance.order.findUniqueOrThrow({ where: { id: pending.order.id } })).status).toBe('CREATED');

    // Restart the finance center on the same database and port: the queue is the table.
    const old = platform.centers.finance!;
    await old.stop();
    platform.centers.finance = await startCenter(financeCenter, {
      databaseUrl: old.databaseUrl,
      port: old.port,
      host: '127.0.0.1',
      clock: platform.clock,
      development: TEST_DEVELOPMENT_FEATURES,
      runWorkers: false,
    });

    // A pass posted the entry and died before recording it: settlement must not credit again.
    platform.clock.set(new Date(new Date(pending.settlesAt).getTime() + 60_000));
    await platform.callCenter('account', `mutation($input: LedgerEntryInput!) { postLedgerEntry(input: $input) { entryId } }`, {
      variables: {
        input: {
          orderId: pending.order.id,
          kind: 'WEALTH_REDEMPTION',
          legs: [
            { ledgerCode: 'PRODUCT_CUSTODY', direction: 'DEBIT', amount: '921.50' },
            { accountId: zhangI.id, direction: 'CREDIT', amount: '921.50' },
          ],
        },
      },
      as: { service: 'finance', scopes: ['account:ledger:post'] },
    });
    expect(await platform.centers.finance!.workers.redemptions!.runOnce()).toBe(1);
    expect(await platform.centers.finance!.workers.redemptions!.runOnce()).toBe(0);
    token = await platform.login(zhang.mobile);
    const order = await finance.order.findUniqueOrThrow({ where: { id: pending.order.id } });
    expect(order.status).toBe('COMPLETED');
    expect((await finance.wealthRedemption.findUniqueOrThrow({ where: { orderId: order.id } })).settledAt).not.toBeNull();
    expect(await entriesOf(order.id)).toHaveLength(1);
    expect(fen((await balances(platform, token))[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(921_50n);
    const replay = await redeem({
      holdingId: holding.id,
      shares: '1000.00',
      idempotencyKey: (await finance.order.findUniqueOrThrow({ where: { id: order.id } })).idempotencyKey,
    });
    expect(replay.body.data!.redeemWealthProduct).toMatchObject({ order: { id: order.id, status: 'COMPLETED' }, pending: false });
    const afterAudit = await ledgerAudit(platform);
    expect(afterAudit).toMatchObject({
      sumOfAllBalances: audit.sumOfAllBalances,
      unbalancedEntries: 0,
      duplicatePostings: 0,
      overdrawnCustomerAccounts: 0,
    });
  });

  it('every day with redemptions reconciles clean', async () => {
    const days = new Set(
      (await finance.order.findMany({ where: { kind: 'WEALTH_REDEMPTION' }, select: { createdAt: true } })).map((order) =>
        shanghaiDay(order.createdAt),
      ),
    );
    expect(days.size).toBeGreaterThan(3);
    for (const day of days) {
      const report = await reconciliation(platform, day);
      expect(report.data?.reconciliationReport.mismatches).toEqual([]);
    }
    expect(shanghaiToday(platform)).toMatch(/^\d{4}-/);
  });
});
