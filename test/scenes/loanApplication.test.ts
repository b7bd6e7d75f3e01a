/**
 * The limits center's loans through the gateway: applications decided by the credit rules
 * (approved with a contract and an exact schedule, rejected with the deciding rule), idempotent
 * replays, refusals with the field and nothing written, ownership, and repayment of an installment
 * through a finance order applied to the loan exactly once, however often it is retried or redelivered;
 * the repayment's ledger entry pays the bank's loan book (LOAN_PRINCIPAL, INTEREST_INCOME), not a merchant.
 */
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { createLogger } from '../../platform/observability/logger';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { PrismaClient } from '../../subgraphs/limits/__generated__/prisma/client';
import { PrismaClient as AccountPrisma } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as FinancePrisma } from '../../subgraphs/finance/__generated__/prisma/client';
import { DEMO_LOAN_ID } from '../../subgraphs/limits/seedCredit';
import { applyRepayment } from '../../subgraphs/limits/service/credit/loanRepayments';
import { balances, ledgerAudit, newKey, reconciliation, shanghaiToday } from '../money/helpers';

const LOAN_PRODUCT = 'd0a80001-0000-4000-8000-000000000107';
const WEALTH_PRODUCT = 'd0a80001-0000-4000-8000-000000000101';
const CARD_PRODUCT = 'd0a80001-0000-4000-8000-000000000108';

const APPLY = `mutation($input: ApplyForLoanInput!) {
  applyForLoan(input: $input) {
    id status amount { amount } termMonths annualRate
    decision { ruleVersion reasonCode reason score }
    loan {
      id status principal { amount } outstandingPrincipal { amount } nextInstallment { number }
      schedule { number principal { amount } interest { amount } }
    }
  }
}`;
const REPAY = `mutation($input: RepayLoanInput!) {
  repayLoan(input: $input) { id status orderId installmentNumber amount { amount } principal { amount } failureCode }
}`;
const LOANS =
  '{ me { loans { id status principal { amount } outstandingPrincipal { amount } nextInstallment { number principal { amount } total { amount } } } } }';

interface Installment {
  number: number;
  principal: { amount: string };
  interest: { amount: string };
}
const LOAN_PRINCIPAL = 'gl-loan-principal';
const INTEREST_INCOME = 'gl-interest-income';
const MERCHANT_SETTLEMENT = 'gl-merchant-settlement';
interface Application {
  id: string;
  status: string;
  decision: { ruleVersion: string; reasonCode: string; reason: string; score: number | null } | null;
  loan: {
    id: string;
    status: string;
    principal: { amount: string };
    outstandingPrincipal: { amount: string };
    nextInstallment: { number: number } | null;
    schedule: Installment[];
  } | null;
}
interface LoanView {
  id: string;
  status: string;
  outstandingPrincipal: { amount: string };
  nextInstallment: { number: number; principal: { amount: string }; total: { amount: string } } | null;
}
interface Repayment {
  id: string;
  status: string;
  orderId: string | null;
  installmentNumber: number;
  amount: { amount: string };
  principal: { amount: string };
  failureCode: string | null;
}

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;
const zhangAccount = zhang.accounts[0]!.id;
const fen = (amount: string) => BigInt(amount.replace('.', ''));

describe('loan applications and repayment', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;
  let limits: PrismaClient;
  let account: AccountPrisma;
  let finance: FinancePrisma;
  beforeAll(async () => {
    platform = await startTestPlatform();
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
    limits = platform.store('limits');
    account = platform.store('account');
    finance = platform.store('finance');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const apply = (input: Record<string, unknown>, token = zhangToken, channel?: string) =>
    platform.query<{ applyForLoan: Application }>(APPLY, {
      token,
      channel,
      variables: { input: { productId: LOAN_PRODUCT, termMonths: 12, purpose: 'CONSUMPTION', ...input } },
    });
  const repay = (idempotencyKey: string, loanId = DEMO_LOAN_ID, token = zhangToken) =>
    platform.query<{ repayLoan: Repayment }>(REPAY, {
      token,
      variables: { input: { loanId, sourceAccountId: zhangAccount, idempotencyKey } },
    });
  const loans = async (token = zhangToken) => (await platform.query<{ me: { loans: LoanView[] } }>(LOANS, { token })).body.data!.me.loans;

  let approvedId: string;

  it('approves an application by the rules in force and creates a contract whose schedule sums to the principal', async () => {
    const key = newKey('loan');
    const answer = await apply({ amount: '10000.00', idempotencyKey: key });
    expect(answer.body.errors).toBeUndefined();
    const application = answer.body.data!.applyForLoan;
    // 张晓明 already has a loan: 20 base + 30 FULL KYC + 30 for 3% of the maximum, no other points.
    expect(application).toMatchObject({ status: 'APPROVED', decision: { ruleVersion: 'LOAN-2026.1', reasonCode: 'APPROVED', score: 80 } });
    expect(application.decision!.reason).toBeTruthy();
    const loan = application.loan!;
    // Approved is not paid out: nothing is due until the customer accepts it (loanDisbursement.test.ts).
    expect(loan).toMatchObject({
      status: 'APPROVED',
      principal: { amount: '10000.00' },
      outstandingPrincipal: { amount: '10000.00' },
      nextInstallment: null,
    });
    expect(loan.schedule).toHaveLength(12);
    expect(loan.schedule.reduce((sum, installment) => sum + fen(installment.principal.amount), 0n)).toBe(10_000_00n);
    const totals = loan.schedule.map((installment) => fen(installment.principal.amount) + fen(installment.interest.amount));
    expect(new Set(totals.slice(0, -1))).toEqual(new Set([849_90n]));
    approvedId = application.id;

    const replays = await Promise.all([1, 2, 3].map(() => apply({ amount: '10000', idempotencyKey: key })));
    for (const replay of replays) expect(replay.body.data!.applyForLoan).toEqual(application);
    expect(await limits.loan.count({ where: { applicationId: application.id } })).toBe(1);
    expect(await limits.loanApplication.count({ where: { idempotencyKey: key } })).toBe(1);

    const conflict = await apply({ amount: '20000.00', idempotencyKey: key });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });
  });

  it('rejects by the rules with the deciding reason stored, and creates no contract', async () => {
    const before = await limits.loan.count();
    const lowScore = (await apply({ amount: '200000.00', idempotencyKey: newKey('score') })).body.data!.applyForLoan;
    expect(lowScore).toMatchObject({
      status: 'REJECTED',
      loan: null,
      decision: { ruleVersion: 'LOAN-2026.1', reasonCode: 'SCORE_BELOW_THRESHOLD', score: 50 },
    });
    const exposure = (await apply({ amount: '280000.00', idempotencyKey: newKey('exposure') })).body.data!.applyForLoan;
    expect(exposure).toMatchObject({ status: 'REJECTED', loan: null, decision: { reasonCode: 'EXPOSURE_ABOVE_PRODUCT_MAX', score: null } });
    expect(await limits.loan.count()).toBe(before);
    const stored = await limits.loanApplication.findUniqueOrThrow({ where: { id: exposure.id } });
    expect(stored).toMatchObject({ status: 'REJECTED', reasonCode: 'EXPOSURE_ABOVE_PRODUCT_MAX', ruleSetVersion: 'LOAN-2026.1' });
    expect(stored.reason).toBeTruthy();
  });

  it('refuses bad input and products that cannot be applied for, with the field and nothing written', async () => {
    const rows = await limits.loanApplication.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: '500.00' }, 'BAD_USER_INPUT', 'input.amount'],
      [{ amount: '300000.01' }, 'BAD_USER_INPUT', 'input.amount'],
      [{ amount: '5000.00', termMonths: 13 }, 'BAD_USER_INPUT', 'input.termMonths'],
      [{ amount: '5000.00', termMonths: 0 }, 'BAD_USER_INPUT', 'input.termMonths'],
      [{ amount: '5000.00', productId: WEALTH_PRODUCT }, 'BAD_USER_INPUT', 'input.productId'],
      [{ amount: '5000.00', productId: CARD_PRODUCT }, 'BAD_USER_INPUT', 'input.productId'],
      [{ amount: '5000.00', productId: 'd0a80001-0000-4000-8000-000000000999' }, 'NOT_FOUND', 'input.productId'],
      [{ amount: '5000.00', idempotencyKey: 'short' }, 'BAD_USER_INPUT', 'input.idempotencyKey'],
    ];
    for (const [input, code, field] of cases) {
      const answer = await apply({ idempotencyKey: newKey('bad'), ...input });
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    // 丰收e贷 is not sold on the Alipay mini-program.
    const alipayToken = await platform.login(li.mobile, 'ALIPAY_MINI');
    const channel = await apply({ amount: '5000.00', idempotencyKey: newKey('alipay') }, alipayToken, 'ALIPAY_MINI');
    expect(channel.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', field: 'input.productId' });
    expect(await limits.loanApplication.count()).toBe(rows);
  });

  it("keeps each customer's applications and loans to themselves", async () => {
    const foreign = await platform.query('query($id: ID!) { loanApplication(id: $id) { id } }', {
      token: liToken,
      variables: { id: approvedId },
    });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await platform.query<{ loanApplication: { id: string } }>('query($id: ID!) { loanApplication(id: $id) { id } }', {
      token: zhangToken,
      variables: { id: approvedId },
    });
    expect(own.body.data!.loanApplication.id).toBe(approvedId);

    const mine = await platform.query<{ me: { loans: unknown[]; loanApplications: unknown[] } }>(
      '{ me { loans { id } loanApplications { id } } }',
      { token: liToken },
    );
    expect(mine.body.data!.me).toEqual({ loans: [], loanApplications: [] });

    const entity = await platform.callCenter(
      'limits',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { loans { id } } } }',
      {
        variables: { r: [{ __typename: 'User', id: zhang.id }] },
        as: { customerId: li.id },
      },
    );
    expect(entity.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const before = await balances(platform, liToken);
    const repayForeign = await platform.query(REPAY, {
      token: liToken,
      variables: { input: { loanId: DEMO_LOAN_ID, sourceAccountId: li.accounts[0]!.id, idempotencyKey: newKey('foreign') } },
    });
    expect(repayForeign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await balances(platform, liToken)).toEqual(before);
  });

  it('repays the next installment once: retried, concurrent and redelivered, the outstanding principal drops exactly once', async () => {
    const [demoBefore] = (await loans()).filter((loan) => loan.id === DEMO_LOAN_ID);
    expect(demoBefore!.nextInstallment!.number).toBe(3);
    const installmentPrincipal = fen(demoBefore!.nextInstallment!.principal.amount);
    const installmentTotal = fen(demoBefore!.nextInstallment!.total.amount);
    const balanceBefore = await balances(platform, zhangToken);
    const gl = async (id: string) => (await account.account.findUniqueOrThrow({ where: { id } })).balance;
    const [principalBookBefore, incomeBefore, merchantBefore] = [
      await gl(LOAN_PRINCIPAL),
      await gl(INTEREST_INCOME),
      await gl(MERCHANT_SETTLEMENT),
    ];
    const auditBefore = await ledgerAudit(platform);

    const key = newKey('repay');
    const answers = await Promise.all(Array.from({ length: 4 }, () => repay(key)));
    expect(new Set(answers.map((answer) => answer.body.data?.repayLoan.id)).size).toBe(1);
    const settled = (await repay(key)).body.data!.repayLoan;
    expect(settled).toMatchObject({ status: 'COMPLETED', installmentNumber: 3 });
    expect(fen(settled.amount.amount)).toBe(installmentTotal);
    expect(settled.orderId).toBeTruthy();

    // The completion redelivered straight to the limits center changes nothing more.
    const deps = { prisma: limits, clock: platform.clock, log: createLogger('limits') };
    const again = await applyRepayment(deps, settled.id, settled.orderId!);
    expect(again.status).toBe('COMPLETED');
    await expect(applyRepayment(deps, settled.id, 'another-order-id')).rejects.toMatchObject({
      extensions: { code: 'IDEMPOTENCY_CONFLICT' },
    });

    const [demoAfter] = (await loans()).filter((loan) => loan.id === DEMO_LOAN_ID);
    expect(fen(demoBefore!.outstandingPrincipal.amount) - fen(demoAfter!.outstandingPrincipal.amount)).toBe(installmentPrincipal);
    expect(demoAfter!.nextInstallment!.number).toBe(4);
    const balanceAfter = await balances(platform, zhangToken);
    expect(fen(balanceBefore[zhangAccount]!) - fen(balanceAfter[zhangAccount]!)).toBe(installmentTotal);
    expect(await limits.loanRepayment.count({ where: { orderId: settled.orderId } })).toBe(1);
    expect(await ledgerAudit(platform)).toMatchObject({
      sumOfAllBalances: auditBefore.sumOfAllBalances,
      unbalancedEntries: 0,
      duplicatePostings: 0,
    });

    // The money goes to the loan book: the installment's principal and interest, as stored by the limits center.
    const stored = await limits.loanRepayment.findUniqueOrThrow({ where: { id: settled.id } });
    expect(stored.principal).toBe(installmentPrincipal);
    expect(stored.principal + stored.interest).toBe(installmentTotal);
    const order = await finance.order.findUniqueOrThrow({ where: { id: settled.orderId! } });
    expect(order).toMatchObject({
      kind: 'LOAN_REPAYMENT',
      route: 'LOAN',
      status: 'COMPLETED',
      amount: installmentTotal,
      interest: stored.interest,
    });
    const entry = await account.journalEntry.findUniqueOrThrow({
      where: { orderId_phase: { orderId: settled.orderId!, phase: 'FORWARD' } },
      include: { postings: true },
    });
    expect(entry.kind).toBe('LOAN_REPAYMENT');
    const legs = Object.fromEntries(entry.postings.map((posting) => [posting.accountId, posting.amount]));
    expect(legs).toEqual({ [zhangAccount]: -installmentTotal, [LOAN_PRINCIPAL]: stored.principal, [INTEREST_INCOME]: stored.interest });
    expect((await gl(LOAN_PRINCIPAL)) - principalBookBefore).toBe(stored.principal);
    expect((await gl(INTEREST_INCOME)) - incomeBefore).toBe(stored.interest);
    expect(await gl(MERCHANT_SETTLEMENT)).toBe(merchantBefore);
    // Auth assessed it as what it is.
    const decision = await platform.store('auth').riskDecision.findUniqueOrThrow({ where: { id: order.riskDecisionId! } });
    expect(decision.action).toBe('LOAN_REPAYMENT');

    const conflict = await repay(key, 'b1a80001-0000-4000-8000-000000000999');
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'input.idempotencyKey' });
  });

  it('refuses a repayment whose principal and interest do not sum to the amount, or a split on another kind, with the field and nothing written', async () => {
    const PAY = 'mutation($input: MerchantPaymentInput!) { createMerchantPayment(input: $input) { orderId outcome } }';
    const pay = (input: Record<string, unknown>) =>
      platform.callCenter('finance', PAY, {
        variables: {
          input: {
            sourceAccountId: zhangAccount,
            amount: '100.00',
            merchantName: '消费贷还款',
            reference: 'loan:test',
            channel: 'MOBILE_APP',
            idempotencyKey: newKey('loanpay'),
            ...input,
          },
        },
        as: { service: 'limits', actingFor: zhang.id, scopes: ['finance:order:create'] },
      });
    const ordersBefore = await finance.order.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'LOAN_REPAYMENT', principal: '90.00', interest: '9.99' }, 'input.principal'],
      [{ kind: 'LOAN_REPAYMENT', principal: '100.00' }, 'input.interest'],
      [{ kind: 'LOAN_REPAYMENT', principal: '90.001', interest: '10.00' }, 'input.principal'],
      [{ kind: 'BILL_PAYMENT', principal: '90.00', interest: '10.00' }, 'input.principal'],
    ];
    for (const [input, field] of cases) {
      const { body } = await pay(input);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await finance.order.count()).toBe(ordersBefore);
  });

  it('the day of repayments reconciles clean', async () => {
    const report = await reconciliation(platform, shanghaiToday(platform));
    expect(report.data?.reconciliationReport.ordersChecked).toBeGreaterThan(0);
    expect(report.data?.reconciliationReport.mismatches).toEqual([]);
  });
});
