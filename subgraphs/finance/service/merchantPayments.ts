/**
 * Orders another center creates for a customer (life's bill payments and top-ups, the contract
 * center's loan repayments): the same machinery as a transfer (intake in orderIntake.ts, risk from
 * auth, then limits → ledger → COMPLETED in advance.ts), but the
 * money goes to the bank's own general-ledger accounts rather than a customer account: merchant
 * settlement, or the loan book for a repayment (`merchantPaymentKinds.ts`). The calling center names
 * the customer (the service credential's actingFor) and the channel the customer used. A risk
 * CHALLENGE leaves the order waiting (CHALLENGE_REQUIRED, answered with the step-up to pass) for
 * the customer's `confirmOrder`, as purchases do (`orderChallenges.ts`).
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, badInput, bankError } from '../../../platform/errors';
import type { ChannelName } from '../../../platform/identity/identity';
import { assertServiceOrderKey } from '../../kit/idempotencyKey';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import { driveOrder } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';
import {
  TransferOutcome,
  answerOf,
  createOrderOnce,
  outcomeOf,
  replayOf,
  requestHash,
  saveResponse,
  sourceAccountColumns,
} from './orderIntake';
import { moveOrder } from './orderMachine';
import { MerchantPaymentKind, planPayment } from './merchantPaymentKinds';

export interface MerchantPaymentInput {
  sourceAccountId: string;
  amount: string;
  /** Shown as the order's other side, e.g. 国网浙江省电力有限公司. */
  merchantName: string;
  /** What is paid, e.g. the bill id (kept as the order memo). */
  reference: string;
  channel: ChannelName;
  deviceId?: string | null;
  idempotencyKey: string;
  /** The order's kind (BILL_PAYMENT when absent); it decides where the money goes and the risk action. */
  kind?: MerchantPaymentKind | null;
  /** LOAN_REPAYMENT only: the split of `amount` (Decimal strings adding up to it exactly). */
  principal?: string | null;
  interest?: string | null;
}

const MAX_FEN = 1_000_000_000n;

export async function createMerchantPayment(deps: MoneyDeps, customerId: string, input: MerchantPaymentInput): Promise<TransferOutcome> {
  const field = (name: string) => ['input', name];
  assertServiceOrderKey(input.idempotencyKey, field('idempotencyKey'));
  if (!input.merchantName.trim() || input.merchantName.length > 60) throw badInput('商户名称不正确', field('merchantName'));
  const amount = parseAmountToFen(input.amount, field('amount'), { maxFen: MAX_FEN });
  const now = deps.clock.now();
  const plan = planPayment(input, amount);
  const hash = requestHash({
    kind: plan.kind,
    from: input.sourceAccountId,
    amount: amount.toString(),
    merchant: input.merchantName,
    reference: input.reference,
    ...plan.hashFields,
  });
  const replay = await replayOf(deps, customerId, input.idempotencyKey, hash, now);
  if (replay) return replay;

  // The GL number is not a customer account, so only the source comes back (and must be the customer's).
  const { source } = await deps.account.transferParties(customerId, {
    sourceAccountId: input.sourceAccountId,
    destinationAccountNumber: plan.destinationNumber,
    destinationName: input.merchantName,
  });
  if (source.status !== 'ACTIVE')
    throw bankError(ErrorCode.AccountNotActive, '付款账户状态异常（冻结或已销户），无法缴费', { field: field('sourceAccountId') });
  if (source.currency !== 'CNY') throw badInput('付款账户币种不支持', field('sourceAccountId'));

  const orderId = randomUUID();
  const intake = await createOrderOnce(deps, {
    id: orderId,
    ownerId: customerId,
    kind: plan.kind,
    amount,
    ...sourceAccountColumns(source),
    countsToClassLimit: true,
    route: plan.route,
    interest: plan.interestFen,
    destinationName: input.merchantName,
    destinationBank: '本行',
    destinationMasked: input.merchantName,
    channel: input.channel,
    memo: input.reference,
    idempotencyKey: input.idempotencyKey,
    requestHash: hash,
    leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    createdAt: now,
    updatedAt: now,
  });
  // A concurrent duplicate won the key: answer what it did.
  if (intake.raced) return answerOf(deps, intake.raced);
  const created = intake.created;
  // Every step returns the order row it wrote: nothing is read back.
  const risk = await decideRisk(deps, customerId, input, created);
  let current = risk.order;
  let responseSaved = false;
  if (risk.allowed && current.status === 'CREATED') {
    ({ order: current, responseSaved } = await driveOrder(deps, current, {
      risk: risk.allowed,
      completedResponse: { json: { kind: 'COMPLETED', orderId } satisfies TransferOutcome, riskDecision: risk.allowed.riskDecision },
    }));
  }
  const outcome = outcomeOf(current);
  // A waiting order keeps no answer: a replay answers where the order is by then (confirmed, or failed by the sweeper).
  if (!responseSaved && outcome.kind !== 'CHALLENGE_REQUIRED')
    await saveResponse(deps.prisma, customerId, input.idempotencyKey, outcome, current.riskDecision ?? undefined);
  return outcome;
}

/**
 * The payment's risk decision (the order's kind is the risk action): ALLOW lets the order go on, DENY
 * rejects it, CHALLENGE parks it as CHALLENGE_REQUIRED with the methods offered, for `confirmOrder`
 * (`orderChallenges.ts`; purpose BILL_PAYMENT bound to the order, amount, source and payee) or the
 * sweeper. ALLOW is handed back unwritten, for the order's next move (CREATED → RESERVED) to record.
 */
async function decideRisk(
  deps: MoneyDeps,
  customerId: string,
  input: MerchantPaymentInput,
  order: Order,
): Promise<{ order: Order; allowed: { riskDecision: string; riskDecisionId: string } | null }> {
  const decision = await deps.auth.assessRisk(customerId, {
    action: order.kind as MerchantPaymentKind,
    amount: fenToDecimal(order.amount),
    sourceAccountId: order.sourceAccountId!,
    channel: input.channel,
    deviceId: input.deviceId ?? null,
  });
  const recorded = { riskDecision: decision.outcome, riskDecisionId: decision.decisionId };
  if (decision.outcome === 'ALLOW') return { order, allowed: recorded };
  const now = deps.clock.now();
  const moved =
    decision.outcome === 'CHALLENGE'
      ? await moveOrder(deps.prisma, order, 'challenge', now, { ...recorded, challengeMethods: decision.challengeMethods })
      : await moveOrder(deps.prisma, order, 'reject', now, {
          ...recorded,
          failureCode: ErrorCode.RiskDenied,
          failureReason: decision.reasons[0] ?? '交易存在风险，已拒绝',
        });
  return { order: moved ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } })), allowed: null };
}
