/**
 * repayLoan: pays a loan's next installment (principal + interest) from one of the customer's
 * accounts through a finance order, and applies it to the loan exactly once.
 *
 * 1. A PENDING `loan_repayment` row claims the installment (one live attempt per installment,
 *    partial unique index; one row per (customer, key), so a replay follows the same row).
 * 2. Finance's `createMerchantPayment` of kind LOAN_REPAYMENT with the installment's stored principal
 *    and interest (finance credits LOAN_PRINCIPAL and INTEREST_INCOME with them) and the key
 *    `loanrepay-<repayment id>`: one order per row, whatever the retries. Money-movement refusals
 *    (limits, risk, funds) come back REJECTED.
 * 3. `applyRepayment` (COMPLETED order): in one transaction, PENDING → COMPLETED by the order id
 *    (compare-and-set; `order_id` unique), the installment DUE → PAID, and the outstanding
 *    principal lowered by the installment's principal. Applying the same order again — a replay,
 *    a redelivered completion — finds the row no longer PENDING and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput, bankError, forbidden, unauthenticated } from '../../../../platform/errors';
import type { ChannelName, Identity } from '../../../../platform/identity/identity';
import { fenToDecimal } from '../../../kit/money';
import type { LoanRepayment, Prisma } from '../../__generated__/prisma/client';
import type { FinanceOrderChallenge, FinanceOrderReceipt } from '../../../finance/client';
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../../kit/idempotencyKey';
import { CreditDeps } from './deps';
import { findNextInstallment } from './loans';

/** A repayment row; as repayLoan answers it, also the step-up its order waits for (absent when read back later). */
export type LoanRepaymentRecord = LoanRepayment & { challenge?: FinanceOrderChallenge | null };

export interface RepayLoanInput {
  loanId: string;
  sourceAccountId: string;
  idempotencyKey: string;
}

interface PayingCustomer {
  channel: ChannelName;
  deviceId: string | null;
}

/** Finance refusals that mean no order was written: the claim is released. */
const REFUSED_BEFORE_ORDER = new Set<string>([ErrorCode.BadUserInput, ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.AccountNotActive]);
const SOURCE_ACCOUNT_REFUSALS = new Set<string>([ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.AccountNotActive]);

export async function repayLoan(deps: CreditDeps, identity: Identity, input: RepayLoanInput): Promise<LoanRepaymentRecord> {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  const customerId = identity.userId;
  const caller: PayingCustomer = { channel: identity.channel, deviceId: identity.deviceId ?? null };
  assertIdempotencyKey(input.idempotencyKey);

  const earlier = await findByKey(deps, customerId, input.idempotencyKey);
  if (earlier) return resume(deps, caller, earlier, input);

  const loan = await deps.prisma.loan.findUnique({ where: { id: input.loanId } });
  if (!loan) throw bankError(ErrorCode.NotFound, '贷款不存在', { field: ['input', 'loanId'] });
  if (loan.customerId !== customerId) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId, resource: 'repayLoan', loanId: loan.id },
      "repayment of another customer's loan refused",
    );
    throw forbidden();
  }
  // Only a loan that was paid out has installments due.
  if (loan.status === 'APPROVED' || loan.status === 'DISBURSING') throw badInput('该笔贷款尚未放款，无需还款', ['input', 'loanId']);
  const installment = await findNextInstallment(deps.prisma, loan.id);
  if (loan.status !== 'ACTIVE' || !installment) throw badInput('该笔贷款已结清', ['input', 'loanId']);

  const now = deps.clock.now();
  let repayment: LoanRepayment;
  try {
    repayment = await deps.prisma.loanRepayment.create({
      data: {
        id: randomUUID(),
        customerId,
        loanId: loan.id,
        installmentNumber: installment.number,
        sourceAccountId: input.sourceAccountId,
        idempotencyKey: input.idempotencyKey,
        amount: installment.principal + installment.interest,
        principal: installment.principal,
        interest: installment.interest,
        createdAt: now,
        updatedAt: now,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findByKey(deps, customerId, input.idempotencyKey);
    if (raced) return resume(deps, caller, raced, input);
    throw badInput('该期还款正在处理中，请稍后查看', ['input', 'loanId']);
  }
  return askFinance(deps, caller, repayment, loan.productName);
}

function findByKey(deps: CreditDeps, customerId: string, key: string): Promise<LoanRepayment | null> {
  return deps.prisma.loanRepayment.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key } } });
}

async function resume(
  deps: CreditDeps,
  caller: PayingCustomer,
  repayment: LoanRepayment,
  input: RepayLoanInput,
): Promise<LoanRepaymentRecord> {
  if (repayment.loanId !== input.loanId || repayment.sourceAccountId !== input.sourceAccountId) {
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的还款', { field: ['input', 'idempotencyKey'] });
  }
  if (repayment.status !== 'PENDING') return repayment;
  const loan = await deps.prisma.loan.findUniqueOrThrow({ where: { id: repayment.loanId } });
  return askFinance(deps, caller, repayment, loan.productName);
}

async function askFinance(
  deps: CreditDeps,
  caller: PayingCustomer,
  repayment: LoanRepayment,
  productName: string,
): Promise<LoanRepaymentRecord> {
  let receipt: FinanceOrderReceipt;
  try {
    receipt = await deps.finance.createMerchantPayment(repayment.customerId, {
      sourceAccountId: repayment.sourceAccountId,
      amount: fenToDecimal(repayment.amount),
      merchantName: `${productName}还款`,
      reference: `loan:${repayment.loanId}:${repayment.installmentNumber}`,
      channel: caller.channel,
      deviceId: caller.deviceId,
      idempotencyKey: `loanrepay-${repayment.id}`,
      kind: 'LOAN_REPAYMENT',
      principal: fenToDecimal(repayment.principal),
      interest: fenToDecimal(repayment.interest),
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
    if (REFUSED_BEFORE_ORDER.has(code)) {
      await reject(deps, repayment, { failureCode: code, failureReason: error instanceof Error ? error.message : null });
      if (SOURCE_ACCOUNT_REFUSALS.has(code))
        throw bankError(code as ErrorCode, (error as Error).message, { field: ['input', 'sourceAccountId'] });
    }
    throw error; // an outage: the claim stays PENDING and a replay with the same key finishes it
  }
  if (receipt.outcome === 'COMPLETED') return applyRepayment(deps, repayment.id, receipt.orderId);
  if (receipt.outcome === 'REJECTED')
    return reject(deps, repayment, { orderId: receipt.orderId, failureCode: receipt.failureCode, failureReason: receipt.failureReason });
  // Still moving, or waiting for the customer's step-up (CHALLENGE_REQUIRED): PENDING until the order ends
  // (this answer after confirmOrder, or finance's order event).
  await deps.prisma.loanRepayment.updateMany({
    where: { id: repayment.id, orderId: null },
    data: { orderId: receipt.orderId, updatedAt: deps.clock.now() },
  });
  const pending = await deps.prisma.loanRepayment.findUniqueOrThrow({ where: { id: repayment.id } });
  return { ...pending, challenge: receipt.challenge ?? null };
}

async function reject(
  deps: CreditDeps,
  repayment: LoanRepayment,
  result: { orderId?: string; failureCode?: string | null; failureReason?: string | null },
): Promise<LoanRepayment> {
  await deps.prisma.loanRepayment.updateMany({
    where: { id: repayment.id, status: 'PENDING' },
    data: {
      status: 'REJECTED',
      orderId: result.orderId ?? repayment.orderId,
      failureCode: result.failureCode ?? null,
      failureReason: result.failureReason ?? null,
      updatedAt: deps.clock.now(),
    },
  });
  return deps.prisma.loanRepayment.findUniqueOrThrow({ where: { id: repayment.id } });
}

/**
 * Applies a completed finance order to the loan, exactly once: only the PENDING → COMPLETED
 * compare-and-set that wins moves the installment and the outstanding principal. Safe to call
 * again with the same order (it answers the applied repayment); a different order for an already
 * applied repayment is refused rather than silently ignored.
 */
export async function applyRepayment(
  deps: Pick<CreditDeps, 'prisma' | 'clock' | 'log'>,
  repaymentId: string,
  orderId: string,
): Promise<LoanRepayment> {
  await deps.prisma.$transaction((tx) => applyRepaymentIn(tx, repaymentId, orderId, deps.clock.now()));
  const applied = await deps.prisma.loanRepayment.findUniqueOrThrow({ where: { id: repaymentId } });
  if (applied.orderId !== orderId) throw bankError(ErrorCode.IdempotencyConflict, '该还款已由另一笔订单完成');
  deps.log.info(
    {
      event: 'limits.loan.repaid',
      customerId: applied.customerId,
      loanId: applied.loanId,
      installment: applied.installmentNumber,
      orderId,
    },
    'loan installment repaid',
  );
  return applied;
}

/**
 * The PENDING → COMPLETED compare-and-set and what it moves (installment PAID, outstanding principal
 * lowered, PAID_OFF at zero), inside the caller's transaction; false when the row was not PENDING.
 */
export async function applyRepaymentIn(tx: Prisma.TransactionClient, repaymentId: string, orderId: string, now: Date): Promise<boolean> {
  const claimed = await tx.loanRepayment.updateMany({
    where: { id: repaymentId, status: 'PENDING' },
    data: { status: 'COMPLETED', orderId, appliedAt: now, updatedAt: now },
  });
  if (claimed.count === 0) return false;
  const repayment = await tx.loanRepayment.findUniqueOrThrow({ where: { id: repaymentId } });
  const paid = await tx.loanInstallment.updateMany({
    where: { loanId: repayment.loanId, number: repayment.installmentNumber, status: 'DUE' },
    data: { status: 'PAID', paidByOrderId: orderId, paidAt: now },
  });
  const lowered = await tx.loan.updateMany({
    where: { id: repayment.loanId, outstandingPrincipal: { gte: repayment.principal } },
    data: { outstandingPrincipal: { decrement: repayment.principal } },
  });
  // Both or neither: the partial unique index makes a second live claim impossible, so a miss here is a bug.
  if (paid.count !== 1 || lowered.count !== 1) throw new Error(`repayment ${repaymentId} does not match its installment`);
  await tx.loan.updateMany({ where: { id: repayment.loanId, outstandingPrincipal: 0n }, data: { status: 'PAID_OFF' } });
  return true;
}

/** A loan's repayments, newest first. */
export function findRepayments(deps: Pick<CreditDeps, 'prisma'>, loanId: string): Promise<LoanRepayment[]> {
  return deps.prisma.loanRepayment.findMany({ where: { loanId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}
