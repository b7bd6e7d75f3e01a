/**
 * disburseLoan: the limits center pays out an approved loan into the customer's own class I
 * account. One LOAN_DISBURSEMENT order (route LOAN_DISBURSEMENT), one journal entry: debit
 * LOAN_PRINCIPAL (the bank's loan book grows; a repayment credits it back), credit the customer.
 *
 * - No limit reservation and no risk assessment: the money comes in, to the customer's own class I
 *   account (a class II/III account is refused, so no class balance cap can be hit), as for a
 *   redemption or a deposit withdrawal (`advance.ts`, credit-only routes).
 * - Paid at most once per loan, whatever the keys: the order carries the loan id under a partial
 *   unique index (one order per loan that is not REJECTED or FAILED). A request for a loan that
 *   already has a live order answers that order if it is the same request, else IDEMPOTENCY_CONFLICT.
 * - Idempotent on (customer, key) like every order (`orderIntake.ts`): the key's record, the order
 *   and its ORDER_CREATED event in one transaction; a replay answers the order as it is now (a PENDING first answer moves on).
 * - Left mid-way by a crash, the recovery sweeper finishes (posted) or voids (not posted) the order.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput, bankError } from '../../../platform/errors';
import { insertOrAnswerRaced } from '../../kit/database/uniqueViolation';
import { assertServiceOrderKey } from '../../kit/idempotencyKey';
import { parseAmountToFen } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import type { FinanceDisbursementReceipt, LoanDisbursementRequest } from '../client';
import { advanceOrder } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';
import { findIdempotencyRecord, keyRecordOf, requestHash } from './orderIntake';
import { enterOrder } from './orderMachine';

/** The published request and receipt (finance/client.ts), so the contract and its implementation cannot drift. */
export type LoanDisbursementInput = LoanDisbursementRequest;
export type LoanDisbursementReceipt = FinanceDisbursementReceipt;

/** Loans are far below this; it only bounds the input. */
const MAX_FEN = 1_000_000_000n;
const LOAN_PRINCIPAL_NUMBER = '9000000000000000009';
/** Account-center refusals about the account, given back on the field that named it. */
const ACCOUNT_REFUSALS = new Set<string>([ErrorCode.Forbidden, ErrorCode.NotFound]);

export async function disburseLoan(deps: MoneyDeps, customerId: string, input: LoanDisbursementInput): Promise<LoanDisbursementReceipt> {
  const field = (name: string) => ['input', name];
  assertServiceOrderKey(input.idempotencyKey, field('idempotencyKey'));
  if (!input.loanId.trim() || input.loanId.length > 64) throw badInput('贷款编号不正确', field('loanId'));
  if (!input.productName.trim() || input.productName.length > 60) throw badInput('贷款产品名称不正确', field('productName'));
  const amount = parseAmountToFen(input.amount, field('amount'), { maxFen: MAX_FEN });
  const now = deps.clock.now();
  const hash = requestHash({ kind: 'LOAN_DISBURSEMENT', loan: input.loanId, account: input.accountId, amount: amount.toString() });

  const replay = await existingOrder(deps, customerId, input, hash, now);
  if (replay) return receiptOf(replay);

  let parties;
  try {
    parties = await deps.account.transferParties(customerId, {
      sourceAccountId: input.accountId,
      destinationAccountNumber: LOAN_PRINCIPAL_NUMBER,
      destinationName: input.productName,
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
    if (ACCOUNT_REFUSALS.has(code))
      throw bankError(code as ErrorCode, code === ErrorCode.Forbidden ? '只能放款至本人账户' : '收款账户不存在', {
        field: field('accountId'),
      });
    throw error;
  }
  const { source: target } = parties;
  // 个人贷款发放至借款人本人Ⅰ类账户: class II/III accounts have balance and payment caps a loan would break.
  if (target.accountClass !== 'I') throw badInput('贷款只能发放至本人Ⅰ类账户', field('accountId'));
  if (target.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '收款账户状态异常（冻结或已销户），无法放款', { field: field('accountId') });
  if (target.currency !== 'CNY') throw badInput('收款账户币种不支持', field('accountId'));

  const order = {
    id: randomUUID(),
    ownerId: customerId,
    kind: 'LOAN_DISBURSEMENT' as const,
    amount,
    loanId: input.loanId,
    sourceAccountId: target.accountId,
    sourceAccountClass: target.accountClass,
    sourceAccountNumber: target.number,
    sourceHolderName: target.holderName,
    countsToClassLimit: false,
    route: 'LOAN_DISBURSEMENT',
    destinationName: input.productName,
    destinationBank: '本行',
    destinationMasked: input.productName,
    channel: input.channel,
    memo: `${input.productName}放款`,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  };
  // The key, or the loan's one live order, may be taken by a concurrent request: then answer what it made.
  const intake = await insertOrAnswerRaced<{ created: Order }, { raced: Order }>(
    async () => {
      const written = await deps.prisma.$transaction([
        deps.prisma.idempotencyRecord.create({ data: keyRecordOf(order) }),
        ...enterOrder(deps.prisma, order),
      ]);
      return { created: written[1] as Order };
    },
    async () => {
      const raced = await existingOrder(deps, customerId, input, hash, now);
      return raced && { raced };
    },
  );
  return receiptOf('raced' in intake ? intake.raced : await advanceOrder(deps, intake.created));
}

/**
 * The order this request already made: by its key (a different request under it is a conflict), or
 * the loan's live order (the key's record may have expired; another account or amount is a conflict).
 */
async function existingOrder(
  deps: MoneyDeps,
  customerId: string,
  input: LoanDisbursementInput,
  hash: string,
  now: Date,
): Promise<Order | null> {
  const record = await findIdempotencyRecord(deps.prisma, customerId, input.idempotencyKey, now);
  if (record) {
    if (record.requestHash !== hash) throw conflict();
    return deps.prisma.order.findUniqueOrThrow({ where: { id: record.orderId } });
  }
  const live = await deps.prisma.order.findFirst({ where: { loanId: input.loanId, status: { notIn: ['REJECTED', 'FAILED'] } } });
  if (!live) return null;
  if (live.ownerId !== customerId || live.requestHash !== hash) throw conflict();
  return live;
}

function conflict() {
  return bankError(ErrorCode.IdempotencyConflict, '该贷款已有另一笔放款', { field: ['input', 'idempotencyKey'] });
}

export function receiptOf(order: Order): LoanDisbursementReceipt {
  if (order.status === 'COMPLETED') return { orderId: order.id, outcome: 'COMPLETED', failureCode: null, failureReason: null };
  if (order.status === 'REJECTED' || order.status === 'FAILED' || order.status === 'REVERSED') {
    return {
      orderId: order.id,
      outcome: 'REJECTED',
      failureCode: order.failureCode ?? order.status,
      failureReason: order.failureReason ?? '放款未成功',
    };
  }
  return { orderId: order.id, outcome: 'PENDING', failureCode: null, failureReason: null };
}
