/**
 * acceptLoan: the customer confirms an APPROVED loan contract and the account to receive it (their
 * own class I account); the principal is paid out through finance and the loan becomes ACTIVE.
 *
 * 1. Refusals with nothing written: another customer's loan or account FORBIDDEN (logged), an
 *    account that is not class I BAD_USER_INPUT (checked with the account center first).
 * 2. APPROVED → DISBURSING with the account and the customer's key (compare-and-set: of concurrent
 *    accepts one claims the loan, the others follow the claim).
 * 3. Finance's `disburseLoan` with the key `loandisburse-<loan id>-<attempt>`: every retry of an
 *    attempt asks for the same order, and finance keeps at most one live order per loan, so a
 *    loan is never paid twice. COMPLETED → `activateLoan`: ACTIVE with the order id, the schedule
 *    re-dated from the day it was paid out (only an ACTIVE loan has installments falling due).
 *    PENDING (an outage mid-way) stays DISBURSING: a replay, or the disbursement worker, asks again.
 *    REJECTED (nothing paid) → APPROVED with the reason and the next attempt number, so the
 *    customer can accept again, possibly into another account.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput, bankError, forbidden, unauthenticated } from '../../../../platform/errors';
import type { ChannelName, Identity } from '../../../../platform/identity/identity';
import { fenToDecimal } from '../../../kit/money';
import type { Loan } from '../../__generated__/prisma/client';
import type { FinanceDisbursementReceipt } from '../../../finance/client';
import { shanghaiDay } from '../../../../platform/businessDay';
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../../kit/idempotencyKey';
import { CreditDeps } from './deps';
import { equalInstallmentSchedule } from './repaymentSchedule';

export interface AcceptLoanInput {
  loanId: string;
  accountId: string;
  idempotencyKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Finance refusals that mean no order was written for the attempt. */
const REFUSED_BEFORE_ORDER = new Set<string>([ErrorCode.BadUserInput, ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.AccountNotActive]);

const accountField = ['input', 'accountId'];

export async function acceptLoan(deps: CreditDeps, identity: Identity, input: AcceptLoanInput): Promise<Loan> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  const customerId = identity.userId;
  const channel = identity.channel;
  assertIdempotencyKey(input.idempotencyKey);

  const earlier = await findByKey(deps, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, earlier, input, channel);

  const loan = UUID.test(input.loanId) ? await deps.prisma.loan.findUnique({ where: { id: input.loanId } }) : null;
  if (!loan) throw bankError(ErrorCode.NotFound, '贷款不存在', { field: ['input', 'loanId'] });
  if (loan.customerId !== customerId) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId, resource: 'acceptLoan', loanId: loan.id },
      "acceptance of another customer's loan refused",
    );
    throw forbidden();
  }
  if (loan.status !== 'APPROVED') return alreadyAccepted(deps, loan, input, channel);
  await assertOwnClassOneAccount(deps, customerId, input.accountId);

  let claimed: number;
  try {
    claimed = (
      await deps.prisma.loan.updateMany({
        where: { id: loan.id, status: 'APPROVED' },
        data: {
          status: 'DISBURSING',
          disbursementAccountId: input.accountId,
          acceptIdempotencyKey: input.idempotencyKey,
          disbursementFailureCode: null,
          disbursementFailureReason: null,
          updatedAt: deps.clock.now(),
        },
      })
    ).count;
  } catch (error) {
    // The key was just used for another loan by a concurrent request.
    if (!isUniqueViolation(error)) throw error;
    const raced = await findByKey(deps, customerId, input.idempotencyKey);
    if (!raced) throw error;
    return resume(deps, raced, input, channel);
  }
  const current = await deps.prisma.loan.findUniqueOrThrow({ where: { id: loan.id } });
  if (claimed === 0) return alreadyAccepted(deps, current, input, channel); // a concurrent accept claimed it
  return continueDisbursement(deps, current, channel);
}

function findByKey(deps: CreditDeps, customerId: string, key: string): Promise<Loan | null> {
  return deps.prisma.loan.findUnique({ where: { customerId_acceptIdempotencyKey: { customerId, acceptIdempotencyKey: key } } });
}

/** The same request answers the loan it accepted (finishing a disbursement left mid-way). */
function resume(deps: CreditDeps, loan: Loan, input: AcceptLoanInput, channel: ChannelName): Promise<Loan> {
  if (loan.id !== input.loanId || loan.disbursementAccountId !== input.accountId) {
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的放款确认', { field: ['input', 'idempotencyKey'] });
  }
  return loan.status === 'DISBURSING' ? continueDisbursement(deps, loan, channel) : Promise.resolve(loan);
}

/** A loan already accepted (a double tap under a new key): the same account follows it, another is refused. */
function alreadyAccepted(deps: CreditDeps, loan: Loan, input: AcceptLoanInput, channel: ChannelName): Promise<Loan> {
  if (loan.status === 'APPROVED') throw bankError(ErrorCode.BadUserInput, '放款处理中，请稍后重试', { field: ['input', 'loanId'] });
  if (loan.disbursementAccountId !== input.accountId) {
    const message = loan.status === 'DISBURSING' ? '该贷款正在放款至另一账户' : '该贷款已放款';
    throw bankError(ErrorCode.BadUserInput, message, { field: loan.status === 'DISBURSING' ? accountField : ['input', 'loanId'] });
  }
  return loan.status === 'DISBURSING' ? continueDisbursement(deps, loan, channel) : Promise.resolve(loan);
}

/** 个人贷款须发放至借款人本人Ⅰ类账户: the account must be the customer's own, and class I. */
async function assertOwnClassOneAccount(deps: CreditDeps, customerId: string, accountId: string): Promise<void> {
  const accounts = await deps.accounts.customerAccountClasses(customerId);
  const account = accounts.find((held) => held.accountId === accountId);
  if (!account) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId, resource: 'acceptLoan', accountId },
      "loan disbursement to an account not the customer's refused",
    );
    throw bankError(ErrorCode.Forbidden, '只能放款至本人账户', { field: accountField });
  }
  if (account.accountClass !== 'I') throw badInput('贷款只能发放至本人Ⅰ类账户', accountField);
}

/**
 * Asks finance for the current attempt's order (same key every time) and applies its answer. Used
 * by acceptLoan and by the disbursement worker for loans left DISBURSING.
 */
export async function continueDisbursement(deps: CreditDeps, loan: Loan, channel: ChannelName): Promise<Loan> {
  const accountId = loan.disbursementAccountId!;
  const attempt = loan.disbursementAttempt;
  let receipt: FinanceDisbursementReceipt;
  try {
    receipt = await deps.finance.disburseLoan(loan.customerId, {
      loanId: loan.id,
      accountId,
      amount: fenToDecimal(loan.principal),
      productName: loan.productName,
      channel,
      idempotencyKey: `loandisburse-${loan.id}-${attempt}`,
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
    if (!REFUSED_BEFORE_ORDER.has(code)) throw error; // an outage: DISBURSING stays for a replay or the worker
    // Nothing was written for this attempt: the customer may accept again (the same attempt key; should
    // an order exist after all, finance answers it, or refuses another account: never a second payment).
    await release(deps, loan, { failureCode: code, failureReason: (error as Error).message, nextAttempt: false });
    throw bankError(code as ErrorCode, (error as Error).message, { field: accountField });
  }
  if (receipt.outcome === 'COMPLETED') return activateLoan(deps, loan.id, { orderId: receipt.orderId, accountId, attempt });
  if (receipt.outcome === 'REJECTED')
    return release(deps, loan, { failureCode: receipt.failureCode, failureReason: receipt.failureReason, nextAttempt: true });
  await deps.prisma.loan.updateMany({
    where: { id: loan.id, status: 'DISBURSING', disbursementAttempt: attempt },
    data: { disbursementOrderId: receipt.orderId, updatedAt: deps.clock.now() },
  });
  return deps.prisma.loan.findUniqueOrThrow({ where: { id: loan.id } });
}

/** DISBURSING → APPROVED: nothing was paid. A rejected order moves to the next attempt (its key is spent). */
async function release(
  deps: CreditDeps,
  loan: Loan,
  result: { failureCode: string | null; failureReason: string | null; nextAttempt: boolean },
): Promise<Loan> {
  await deps.prisma.loan.updateMany({
    where: { id: loan.id, status: 'DISBURSING', disbursementAttempt: loan.disbursementAttempt },
    data: {
      status: 'APPROVED',
      disbursementAttempt: result.nextAttempt ? loan.disbursementAttempt + 1 : loan.disbursementAttempt,
      disbursementAccountId: null,
      acceptIdempotencyKey: null,
      disbursementOrderId: null,
      disbursementFailureCode: result.failureCode ?? 'DISBURSEMENT_REFUSED',
      disbursementFailureReason: result.failureReason,
      updatedAt: deps.clock.now(),
    },
  });
  deps.log.info(
    { event: 'limits.loan.disbursement-refused', customerId: loan.customerId, loanId: loan.id, failureCode: result.failureCode },
    'loan disbursement refused',
  );
  return deps.prisma.loan.findUniqueOrThrow({ where: { id: loan.id } });
}

/**
 * The principal was paid out by `orderId`: the loan becomes ACTIVE, exactly once (compare-and-set
 * on the attempt that paid), and its schedule runs from today — same amounts, due dates re-counted
 * from the day the money arrived (nothing can have been repaid before). Applying it again changes nothing.
 */
export async function activateLoan(
  deps: Pick<CreditDeps, 'prisma' | 'clock' | 'log'>,
  loanId: string,
  paid: { orderId: string; accountId: string; attempt: number },
): Promise<Loan> {
  const now = deps.clock.now();
  const startDate = shanghaiDay(now);
  await deps.prisma.$transaction(async (tx) => {
    const moved = await tx.loan.updateMany({
      // APPROVED too: an attempt released by a refusal that raced a request finance answered is still paid.
      where: { id: loanId, status: { in: ['DISBURSING', 'APPROVED'] }, disbursementAttempt: paid.attempt },
      data: {
        status: 'ACTIVE',
        disbursementAccountId: paid.accountId,
        disbursementOrderId: paid.orderId,
        disbursedAt: now,
        startDate: new Date(`${startDate}T00:00:00.000Z`),
        disbursementFailureCode: null,
        disbursementFailureReason: null,
        updatedAt: now,
      },
    });
    if (moved.count === 0) return;
    const loan = await tx.loan.findUniqueOrThrow({ where: { id: loanId } });
    const schedule = equalInstallmentSchedule(loan.principal, loan.annualRate, loan.termMonths, startDate);
    await tx.loanInstallment.deleteMany({ where: { loanId } });
    await tx.loanInstallment.createMany({
      data: schedule.map((installment) => ({
        loanId,
        number: installment.number,
        dueDate: new Date(`${installment.dueDate}T00:00:00.000Z`),
        principal: installment.principal,
        interest: installment.interest,
      })),
    });
  });
  const loan = await deps.prisma.loan.findUniqueOrThrow({ where: { id: loanId } });
  if (loan.disbursementOrderId !== paid.orderId) {
    deps.log.error(
      { event: 'limits.loan.disbursement-mismatch', loanId, orderId: paid.orderId, recorded: loan.disbursementOrderId },
      'a completed disbursement does not match the loan',
    );
    throw bankError(ErrorCode.IdempotencyConflict, '该贷款已由另一笔订单放款');
  }
  deps.log.info({ event: 'limits.loan.disbursed', customerId: loan.customerId, loanId, orderId: paid.orderId }, 'loan disbursed');
  return loan;
}
