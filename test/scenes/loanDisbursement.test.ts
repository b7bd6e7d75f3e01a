/**
 * Paying out a loan through the gateway: an approved contract owes nothing and moves no money until
 * the customer accepts it into their own class I account; then one LOAN_DISBURSEMENT order posts one
 * entry (debit LOAN_PRINCIPAL, credit the customer) and the loan becomes ACTIVE with its schedule
 * running from today — exactly once, however often or concurrently the acceptance is sent, and also
 * when finance crashed after posting (its sweeper completes the order, the limits center's worker
 * then activates the loan). Refusals (another
 * customer's loan or account, a class II account) write nothing; the day reconciles clean and the
 * disbursement earns no points.
 */
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { createLogger } from '../../platform/observability/logger';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { createMoneyDeps } from '../../subgraphs/finance/context';
import { disburseLoan } from '../../subgraphs/finance/service/loanDisbursements';
import { PrismaClient as LimitsPrisma } from '../../subgraphs/limits/__generated__/prisma/client';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as MarketingPrisma } from '../../subgraphs/marketing/__generated__/prisma/client';
import { balances, ledgerAudit, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const LOAN_PRODUCT = 'd0a80001-0000-4000-8000-000000000107';
const LOAN_PRINCIPAL = 'gl-loan-principal';

const APPLY = `mutation($input: ApplyForLoanInput!) {
  applyForLoan(input: $input) { id status loan { id status nextInstallment { number } } }
}`;
const ACCEPT = `mutation($input: AcceptLoanInput!) {
  acceptLoan(input: $input) {
    id status startDate disbursementAccountId disbursementOrderId disbursedAt disbursementFailureCode
    nextInstallment { number dueDate }
  }
}`;
const REPAY = `mutation($input: RepayLoanInput!) {
  repayLoan(input: $input) { id status orderId installmentNumber }
}`;
const DISBURSE = 'mutation($input: LoanDisbursementInput!) { disburseLoan(input: $input) { orderId outcome failureCode } }';

interface AcceptedLoan {
  id: string;
  status: string;
  startDate: string;
  disbursementAccountId: string | null;
  disbursementOrderId: string | null;
  disbursedAt: string | null;
  disbursementFailureCode: string | null;
  nextInstallment: { number: number; dueDate: string } | null;
}

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const zhangClassI = zhang.accounts[0]!.id;
const zhangClassII = zhang.accounts[1]!.id;
const liClassI = li.accounts[0]!.id;
const fen = (amount: string) => BigInt(amount.replace('.', ''));

describe('loan disbursement', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;
  let limits: LimitsPrisma;
  let account: AccountPrisma;
  let finance: FinancePrisma;
  let marketing: MarketingPrisma;
  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
    limits = platform.store('limits');
    account = platform.store('account');
    finance = platform.store('finance');
    marketing = platform.store('marketing');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const approvedLoan = async (amount: string): Promise<string> => {
    const { body } = await platform.query<{
      applyForLoan: { status: string; loan: { id: string; status: string; nextInstallment: unknown } | null };
    }>(APPLY, {
      token: zhangToken,
      variables: { input: { productId: LOAN_PRODUCT, amount, termMonths: 6, purpose: 'TRAVEL', idempotencyKey: newKey('apply') } },
    });
    expect(body.data!.applyForLoan).toMatchObject({ status: 'APPROVED', loan: { status: 'APPROVED', nextInstallment: null } });
    return body.data!.applyForLoan.loan!.id;
  };
  const accept = (loanId: string, accountId: string, idempotencyKey: string, token = zhangToken) =>
    platform.query<{ acceptLoan: AcceptedLoan }>(ACCEPT, { token, variables: { input: { loanId, accountId, idempotencyKey } } });
  const gl = async (id: string) => (await account.account.findUniqueOrThrow({ where: { id } })).balance;
  const disbursements = (loanId: string) => finance.order.findMany({ where: { kind: 'LOAN_DISBURSEMENT', loanId } });

  let loanId: string;

  it('an approved loan owes nothing and cannot be repaid before it is paid out', async () => {
    loanId = await approvedLoan('12000.00');
    const before = await balances(platform, zhangToken);
    const ordersBefore = await finance.order.count();
    const { body } = await platform.query(REPAY, {
      token: zhangToken,
      variables: { input: { loanId, sourceAccountId: zhangClassI, idempotencyKey: newKey('early') } },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.loanId' });
    expect(await balances(platform, zhangToken)).toEqual(before);
    expect(await finance.order.count()).toBe(ordersBefore);
    expect(await limits.loanRepayment.count({ where: { loanId } })).toBe(0);
  });

  it("refuses another customer's account or loan and a class II account, with the field and nothing written", async () => {
    const cases: [string, string, string, string][] = [
      [liClassI, zhangToken, 'FORBIDDEN', 'input.accountId'],
      [zhangClassII, zhangToken, 'BAD_USER_INPUT', 'input.accountId'],
    ];
    for (const [accountId, token, code, field] of cases) {
      const { body } = await accept(loanId, accountId, newKey('refused'), token);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const foreign = await accept(loanId, liClassI, newKey('foreign'), liToken);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await limits.loan.findUniqueOrThrow({ where: { id: loanId } })).toMatchObject({
      status: 'APPROVED',
      disbursementAccountId: null,
      acceptIdempotencyKey: null,
    });
    expect(await disbursements(loanId)).toHaveLength(0);

    // Finance itself refuses the same, whoever asks it.
    const direct = (accountId: string) =>
      platform.callCenter('finance', DISBURSE, {
        variables: {
          input: { loanId, accountId, amount: '12000.00', productName: '丰收e贷', channel: 'MOBILE_APP', idempotencyKey: newKey('direct') },
        },
        as: { service: 'limits', actingFor: zhang.id, scopes: ['finance:loan:disburse'] },
      });
    expect((await direct(liClassI)).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.accountId' });
    expect((await direct(zhangClassII)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accountId' });
    const wrongScope = await platform.callCenter('finance', DISBURSE, {
      variables: {
        input: {
          loanId,
          accountId: zhangClassI,
          amount: '12000.00',
          productName: '丰收e贷',
          channel: 'MOBILE_APP',
          idempotencyKey: newKey('scope'),
        },
      },
      as: { service: 'limits', actingFor: zhang.id, scopes: ['finance:order:create'] },
    });
    expect(wrongScope.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCenter = await platform.callCenter('finance', DISBURSE, {
      variables: {
        input: {
          loanId,
          accountId: zhangClassI,
          amount: '12000.00',
          productName: '丰收e贷',
          channel: 'MOBILE_APP',
          idempotencyKey: newKey('life'),
        },
      },
      as: { service: 'life', actingFor: zhang.id, scopes: ['finance:loan:disburse'] },
    });
    expect(otherCenter.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await disbursements(loanId)).toHaveLength(0);
  });

  it('pays the principal out once, however often and concurrently the acceptance is sent', async () => {
    const balanceBefore = fen((await balances(platform, zhangToken))[zhangClassI]!);
    const bookBefore = await gl(LOAN_PRINCIPAL);
    const auditBefore = await ledgerAudit(platform);

    const key = newKey('accept');
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => accept(loanId, zhangClassI, key)),
      accept(loanId, zhangClassI, newKey('double-tap')),
    ]);
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    const settled = (await accept(loanId, zhangClassI, key)).body.data!.acceptLoan;
    expect(settled).toMatchObject({
      id: loanId,
      status: 'ACTIVE',
      startDate: shanghaiToday(platform),
      disbursementAccountId: zhangClassI,
      disbursementFailureCode: null,
      nextInstallment: { number: 1 },
    });
    expect(settled.disbursedAt).toBeTruthy();

    const orders = await disbursements(loanId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      id: settled.disbursementOrderId,
      status: 'COMPLETED',
      route: 'LOAN_DISBURSEMENT',
      amount: 12_000_00n,
      sourceAccountId: zhangClassI,
      ownerId: zhang.id,
    });
    const entry = await account.journalEntry.findUniqueOrThrow({
      where: { orderId_phase: { orderId: orders[0]!.id, phase: 'FORWARD' } },
      include: { postings: true },
    });
    expect(entry.kind).toBe('LOAN_DISBURSEMENT');
    expect(Object.fromEntries(entry.postings.map((posting) => [posting.accountId, posting.amount]))).toEqual({
      [zhangClassI]: 12_000_00n,
      [LOAN_PRINCIPAL]: -12_000_00n,
    });

    expect(fen((await balances(platform, zhangToken))[zhangClassI]!) - balanceBefore).toBe(12_000_00n);
    expect(bookBefore - (await gl(LOAN_PRINCIPAL))).toBe(12_000_00n);
    expect(await ledgerAudit(platform)).toMatchObject({
      sumOfAllBalances: auditBefore.sumOfAllBalances,
      unbalancedEntries: 0,
      duplicatePostings: 0,
      overdrawnCustomerAccounts: 0,
    });

    // Nothing more moves: a replay, a new key, another account under the key, another account afterwards.
    expect((await accept(loanId, zhangClassI, newKey('later'))).body.data!.acceptLoan.status).toBe('ACTIVE');
    expect((await accept(loanId, zhangClassII, key)).body.errors?.[0]?.extensions).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      field: 'input.idempotencyKey',
    });
    expect((await accept(loanId, zhangClassII, newKey('other'))).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Finance keeps one live order per loan even under a fresh key (its idempotency record may have expired):
    // the same request answers that order, another amount or account is a conflict.
    const fresh = (amount: string) =>
      platform.callCenter<{ disburseLoan: { orderId: string; outcome: string } }>('finance', DISBURSE, {
        variables: {
          input: { loanId, accountId: zhangClassI, amount, productName: '丰收e贷', channel: 'MOBILE_APP', idempotencyKey: newKey('fresh') },
        },
        as: { service: 'limits', actingFor: zhang.id, scopes: ['finance:loan:disburse'] },
      });
    expect((await fresh('12000.00')).body.data!.disburseLoan).toEqual({ orderId: orders[0]!.id, outcome: 'COMPLETED', failureCode: null });
    expect((await fresh('12000.01')).body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await disbursements(loanId)).toHaveLength(1);
    expect(fen((await balances(platform, zhangToken))[zhangClassI]!) - balanceBefore).toBe(12_000_00n);

    // The schedule now runs: the first installment is due a month after the day the money arrived.
    const repaid = (
      await platform.query<{ repayLoan: { status: string; installmentNumber: number } }>(REPAY, {
        token: zhangToken,
        variables: { input: { loanId, sourceAccountId: zhangClassI, idempotencyKey: newKey('repay') } },
      })
    ).body.data!.repayLoan;
    expect(repaid).toMatchObject({ status: 'COMPLETED', installmentNumber: 1 });
  });

  it('a frozen receiving account is refused by finance and leaves the loan APPROVED to accept again', async () => {
    const frozenLoan = await approvedLoan('2000.00');
    await account.account.update({ where: { id: zhangClassI }, data: { status: 'FROZEN' } });
    try {
      const refused = await accept(frozenLoan, zhangClassI, newKey('frozen'));
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE', field: 'input.accountId' });
      expect(await limits.loan.findUniqueOrThrow({ where: { id: frozenLoan } })).toMatchObject({
        status: 'APPROVED',
        disbursementAccountId: null,
        disbursementFailureCode: 'ACCOUNT_NOT_ACTIVE',
      });
      expect(await disbursements(frozenLoan)).toHaveLength(0);
    } finally {
      await account.account.update({ where: { id: zhangClassI }, data: { status: 'ACTIVE' } });
    }
    stuckId = frozenLoan;
  });

  // The rules allow three live loans: the one refused above is accepted again, and that request "crashes".
  let stuckId: string;
  it('a disbursement a crash left mid-way is finished by the sweeper and the limits center, with one order', async () => {
    const balanceBefore = fen((await balances(platform, zhangToken))[zhangClassI]!);
    // The acceptance claimed the loan, finance posted the entry, and then its process died (the order still
    // says CREATED) before anyone answered the limits center.
    await limits.loan.update({
      where: { id: stuckId },
      data: {
        status: 'DISBURSING',
        disbursementAccountId: zhangClassI,
        acceptIdempotencyKey: newKey('crashed'),
        updatedAt: platform.clock.now(),
      },
    });
    const crashing = {
      ...createMoneyDeps(finance, { clock: platform.clock, log: createLogger('loan-disbursement-test') }),
      afterStep: (step: string) => {
        if (step === 'posted') throw new Error('killed after posting');
      },
    };
    await expect(
      disburseLoan(crashing, zhang.id, {
        loanId: stuckId,
        accountId: zhangClassI,
        amount: '2000.00',
        productName: '丰收e贷',
        channel: 'MOBILE_APP',
        idempotencyKey: `loandisburse-${stuckId}-0`,
      }),
    ).rejects.toThrow('killed after posting');
    expect((await disbursements(stuckId))[0]).toMatchObject({ status: 'CREATED' });

    const worker = platform.centers.limits!.workers['loan-disbursement']!;
    expect(await worker.runOnce()).toBe(0); // still the request's to finish
    platform.clock.advance(2 * 60_000); // past the request's grace and the order's lease
    expect(await worker.runOnce()).toBe(1); // finance answers the same order, still moving
    expect(await limits.loan.findUniqueOrThrow({ where: { id: stuckId } })).toMatchObject({
      status: 'DISBURSING',
      disbursementOrderId: (await disbursements(stuckId))[0]!.id,
    });

    expect(await platform.centers.finance!.workers.recovery!.runOnce()).toBeGreaterThan(0);
    expect((await disbursements(stuckId))[0]).toMatchObject({ status: 'COMPLETED' });
    platform.clock.advance(2 * 60_000);
    expect(await worker.runOnce()).toBe(1);
    expect(await limits.loan.findUniqueOrThrow({ where: { id: stuckId } })).toMatchObject({
      status: 'ACTIVE',
      disbursementAccountId: zhangClassI,
      disbursementFailureCode: null,
    });
    expect(await disbursements(stuckId)).toHaveLength(1);
    expect(fen((await balances(platform, zhangToken))[zhangClassI]!) - balanceBefore).toBe(2_000_00n);
    platform.clock.advance(2 * 60_000);
    expect(await worker.runOnce()).toBe(0);
  });

  it('earns no points and reconciles clean', async () => {
    for (let pass = 0; pass < 20; pass += 1) if ((await platform.centers.finance!.workers.outbox!.runOnce()) === 0) break;
    const [paid] = await disbursements(loanId);
    const events = await marketing.orderEvent.findMany({ where: { orderId: paid!.id } });
    expect(events.some((event) => event.status === 'COMPLETED')).toBe(true);
    for (const event of events) expect(event.pointsAwarded).toBe(0);

    const report = await reconciliation(platform, shanghaiToday(platform));
    expect(report.data?.reconciliationReport.ordersChecked).toBeGreaterThan(0);
    expect(report.data?.reconciliationReport.mismatches).toEqual([]);
  });
});
