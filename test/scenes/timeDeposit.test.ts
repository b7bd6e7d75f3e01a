/**
 * Time deposits through the gateway, against real databases: open (customer → TIME_DEPOSIT), the
 * deposit on `User.timeDeposits` with interest accrued to today; withdraw at maturity (principal from
 * TIME_DEPOSIT, interest from INTEREST_EXPENSE, ACT/365, half-up to the fen — a case on the half-fen
 * edge computed by hand) and before maturity at the demand rate; replay, conflict, a second
 * withdrawal, another customer's deposit, refusals that write nothing; every entry balanced, the sum
 * of balances unchanged, and a clean reconciliation.
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { createMoneyDeps } from '../../subgraphs/finance/context';
import { createWealthCentersClient } from '../../subgraphs/finance/wealthCenters';
import { withdrawTimeDeposit } from '../../subgraphs/finance/service/depositWithdrawals';
import { createLogger } from '../../platform/observability/logger';
import { shanghaiDay } from '../../platform/businessDay';
import { balances, ledgerAudit, newKey, reconciliation } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangI = zhang.accounts[0]!;
const THREE_YEAR = 'd0a80001-0000-4000-8000-000000000105'; // 三年期整存整取: 2.6000 %, 1095 days, demand rate 0.2000 %, from 50.00
const CD_SOLD_OUT = 'd0a80001-0000-4000-8000-000000000106'; // OFF_SALE
const DAY_MS = 24 * 60 * 60 * 1000;

const OPEN = `mutation($input: OpenTimeDepositInput!) {
  openTimeDeposit(input: $input) {
    order { id kind status amount { amount } }
    deposit {
      id productId principal { amount } rate earlyWithdrawalRate termDays openedOn maturesOn status
      accruedInterest { amount } valueAtMaturity { amount }
    }
  }
}`;
const WITHDRAW = `mutation($input: WithdrawTimeDepositInput!) {
  withdrawTimeDeposit(input: $input) {
    order { id kind status amount { amount } }
    deposit { id status }
    principal { amount } interest { amount } rateApplied days early
  }
}`;
const DEPOSITS =
  '{ me { timeDeposits { id status principal { amount } accruedInterest { amount } valueAtMaturity { amount } openedOn maturesOn } } }';

interface Opening {
  order: { id: string; kind: string; status: string; amount: { amount: string } };
  deposit: {
    id: string;
    productId: string;
    principal: { amount: string };
    rate: string;
    earlyWithdrawalRate: string;
    termDays: number;
    openedOn: string;
    maturesOn: string;
    status: string;
    accruedInterest: { amount: string };
    valueAtMaturity: { amount: string };
  } | null;
}
interface Withdrawal {
  order: { id: string; kind: string; status: string; amount: { amount: string } };
  deposit: { id: string; status: string };
  principal: { amount: string };
  interest: { amount: string };
  rateApplied: string;
  days: number;
  early: boolean;
}

const fen = (amount: string) => BigInt(amount.replace('.', ''));

describe('time deposits', () => {
  let platform: TestPlatform;
  let finance: FinancePrisma;
  let account: AccountPrisma;
  let token: string;
  let startAudit: { sumOfAllBalances: string };

  beforeAll(async () => {
    platform = await startTestPlatform();
    finance = platform.store('finance');
    account = platform.store('account');
    token = await platform.login(zhang.mobile);
    startAudit = await ledgerAudit(platform);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const open = (input: Record<string, unknown>, as = token) =>
    platform.query<{ openTimeDeposit: Opening }>(OPEN, { token: as, variables: { input } });
  const withdraw = (input: Record<string, unknown>, as = token) =>
    platform.query<{ withdrawTimeDeposit: Withdrawal }>(WITHDRAW, { token: as, variables: { input } });
  const gl = async (id: string) => (await account.account.findUniqueOrThrow({ where: { id } })).balance;
  const advanceDays = async (days: number) => {
    platform.clock.advance(days * DAY_MS);
    token = await platform.login(zhang.mobile);
  };

  let atMaturity: Opening;
  let early: Opening;

  it('opens deposits: money to TIME_DEPOSIT, the contract on User.timeDeposits; a replay answers the same', async () => {
    const before = await balances(platform, token);
    const input = { productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '10002.50', idempotencyKey: newKey('td') };
    const { body } = await open(input);
    expect(body.errors).toBeUndefined();
    atMaturity = body.data!.openTimeDeposit;
    expect(atMaturity).toMatchObject({
      order: { kind: 'DEPOSIT_OPEN', status: 'COMPLETED', amount: { amount: '10002.50' } },
      deposit: {
        productId: THREE_YEAR,
        principal: { amount: '10002.50' },
        rate: '2.6000',
        earlyWithdrawalRate: '0.2000',
        termDays: 1095,
        openedOn: '2026-11-25',
        maturesOn: '2029-11-24',
        status: 'ACTIVE',
        accruedInterest: { amount: '0.00' },
        // 10,002.50 × 2.6 % × 1095 / 365 = 780.195 → 780.20 (half-up); + principal.
        valueAtMaturity: { amount: '10782.70' },
      },
    });
    expect((await open(input)).body.data!.openTimeDeposit).toEqual(atMaturity);
    // The ALLOW decision is recorded by the order's CREATED → RESERVED statement, not a write of its own.
    expect(
      await finance.order.findFirstOrThrow({
        where: { ownerId: zhang.id, idempotencyKey: input.idempotencyKey },
        select: { riskDecision: true },
      }),
    ).toEqual({ riskDecision: 'ALLOW' });
    const conflict = await open({ ...input, amount: '10002.51' });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });

    platform.clock.advance(60_000); // newest first: the second deposit is opened a minute later
    early = (await open({ productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '10000.00', idempotencyKey: newKey('td') })).body.data!
      .openTimeDeposit;
    expect(early.order.status).toBe('COMPLETED');
    const after = await balances(platform, token);
    expect(fen(before[zhangI.id]!) - fen(after[zhangI.id]!)).toBe(20_002_50n);
    expect(await gl('gl-time-deposit')).toBe(20_002_50n);
    const listed = await platform.query<{ me: { timeDeposits: { id: string }[] } }>(DEPOSITS, { token });
    expect(listed.body.data!.me.timeDeposits.map((deposit) => deposit.id)).toEqual([early.deposit!.id, atMaturity.deposit!.id]);
  });

  it('refusals write nothing: off-sale product, mini-program channel, amount below the minimum', async () => {
    const orders = await finance.order.count();
    const offSale = await open({ productId: CD_SOLD_OUT, sourceAccountId: zhangI.id, amount: '200000.00', idempotencyKey: newKey('td') });
    expect(offSale.body.errors?.[0]?.extensions).toMatchObject({ code: 'PRODUCT_NOT_ON_SALE', field: 'input.productId' });
    const small = await open({ productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '49.99', idempotencyKey: newKey('td') });
    expect(small.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const miniToken = await platform.login(zhang.mobile, 'WECHAT_MINI');
    const mini = await platform.query(OPEN, {
      token: miniToken,
      channel: 'WECHAT_MINI',
      variables: { input: { productId: THREE_YEAR, sourceAccountId: zhangI.id, amount: '100.00', idempotencyKey: newKey('td') } },
    });
    expect(mini.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED' });
    expect(await finance.order.count()).toBe(orders);
  });

  it('before maturity: interest at the demand rate; paid once; replay, conflict, a second withdrawal refused', async () => {
    await advanceDays(100);
    const listed = await platform.query<{ me: { timeDeposits: { id: string; accruedInterest: { amount: string } }[] } }>(DEPOSITS, {
      token,
    });
    // 10,002.50 × 2.6 % × 100 / 365 = 71.2507… → 71.25 accrued at the contract rate.
    expect(listed.body.data!.me.timeDeposits.find((deposit) => deposit.id === atMaturity.deposit!.id)!.accruedInterest).toEqual({
      amount: '71.25',
    });

    const before = await balances(platform, token);
    const expenseBefore = await gl('gl-interest-expense');
    const input = { depositId: early.deposit!.id, idempotencyKey: newKey('wd') };
    const { body } = await withdraw(input);
    expect(body.errors).toBeUndefined();
    const result = body.data!.withdrawTimeDeposit;
    // 10,000.00 × 0.2 % × 100 / 365 = 5.4794… → 5.48.
    expect(result).toMatchObject({
      order: { kind: 'DEPOSIT_WITHDRAWAL', status: 'COMPLETED', amount: { amount: '10005.48' } },
      deposit: { id: early.deposit!.id, status: 'WITHDRAWN' },
      principal: { amount: '10000.00' },
      interest: { amount: '5.48' },
      rateApplied: '0.2000',
      days: 100,
      early: true,
    });
    expect((await withdraw(input)).body.data!.withdrawTimeDeposit).toEqual(result);
    const conflict = await withdraw({ ...input, depositId: atMaturity.deposit!.id });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const again = await withdraw({ depositId: early.deposit!.id, idempotencyKey: newKey('wd') });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'DEPOSIT_ALREADY_WITHDRAWN', field: 'input.depositId' });

    expect(fen((await balances(platform, token))[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(10_005_48n);
    expect(expenseBefore - (await gl('gl-interest-expense'))).toBe(5_48n);
    const entries = await account.journalEntry.findMany({ where: { orderId: result.order.id }, include: { postings: true } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.postings).toHaveLength(3);
    expect(entries[0]!.postings.reduce((sum, posting) => sum + posting.amount, 0n)).toBe(0n);
  });

  it("another customer's deposit is FORBIDDEN, an unknown one DEPOSIT_NOT_FOUND; nothing written", async () => {
    const orders = await finance.order.count();
    const liToken = await platform.login(li.mobile);
    const foreign = await withdraw({ depositId: atMaturity.deposit!.id, idempotencyKey: newKey('wd') }, liToken);
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.depositId' });
    const unknown = await withdraw({ depositId: '7d0e7f4e-0000-4000-8000-000000000000', idempotencyKey: newKey('wd') });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'DEPOSIT_NOT_FOUND', field: 'input.depositId' });
    expect(await finance.order.count()).toBe(orders);
  });

  it('at maturity: principal + interest at the contract rate, half-up on the half fen (780.195 → 780.20)', async () => {
    await advanceDays(1095 - 100);
    // First an attempt the ledger never sees (an outage): the sweeper fails it and frees the deposit.
    const deps = {
      ...createMoneyDeps(finance, { clock: platform.clock, log: createLogger('deposit-test') }),
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
      withdrawTimeDeposit(
        ledgerDown,
        { customerId: zhang.id, channel: 'MOBILE_APP' },
        { depositId: atMaturity.deposit!.id, idempotencyKey: newKey('wd') },
      ),
    ).rejects.toThrow('unavailable');
    const stuck = (await finance.timeDeposit.findUniqueOrThrow({ where: { id: atMaturity.deposit!.id } })).withdrawOrderId!;
    expect(stuck).toBeTruthy();
    platform.clock.advance(60_000);
    await platform.centers.finance!.workers.recovery!.runOnce();
    expect((await finance.order.findUniqueOrThrow({ where: { id: stuck } })).status).toBe('FAILED');
    expect((await finance.timeDeposit.findUniqueOrThrow({ where: { id: atMaturity.deposit!.id } })).withdrawOrderId).toBeNull();
    token = await platform.login(zhang.mobile);

    const before = await balances(platform, token);
    const { body } = await withdraw({ depositId: atMaturity.deposit!.id, idempotencyKey: newKey('wd') });
    expect(body.errors).toBeUndefined();
    expect(body.data!.withdrawTimeDeposit).toMatchObject({
      order: { status: 'COMPLETED', amount: { amount: '10782.70' } },
      principal: { amount: '10002.50' },
      interest: { amount: '780.20' },
      rateApplied: '2.6000',
      days: 1095,
      early: false,
    });
    expect(fen((await balances(platform, token))[zhangI.id]!) - fen(before[zhangI.id]!)).toBe(10_782_70n);
    // Both deposits paid out: nothing left on TIME_DEPOSIT; interest expense is what was paid.
    expect(await gl('gl-time-deposit')).toBe(0n);
    expect(await gl('gl-interest-expense')).toBe(-(780_20n + 5_48n));
    const audit = await ledgerAudit(platform);
    expect(audit).toMatchObject({
      sumOfAllBalances: startAudit.sumOfAllBalances,
      unbalancedEntries: 0,
      duplicatePostings: 0,
      overdrawnCustomerAccounts: 0,
    });
  });

  it('the days of openings and withdrawals reconcile clean', async () => {
    const days = new Set(
      (await finance.order.findMany({ where: { kind: { in: ['DEPOSIT_OPEN', 'DEPOSIT_WITHDRAWAL'] } }, select: { createdAt: true } })).map(
        (order) => shanghaiDay(order.createdAt),
      ),
    );
    expect(days.size).toBeGreaterThanOrEqual(3);
    for (const day of days) {
      const report = await reconciliation(platform, day);
      expect(report.data?.reconciliationReport.mismatches).toEqual([]);
    }
  });
});
