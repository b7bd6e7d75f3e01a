/**
 * The risk decision of a purchase (wealth subscription, time-deposit opening). Purchases step up
 * like transfers (`orderChallenges.ts`).
 */
import { ErrorCode } from '../../../platform/errors';
import { fenToDecimal } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import type { MoneyDeps } from './deps';
import { moveOrder } from './orderMachine';

/**
 * The risk decision of a purchase (action PURCHASE on the amount the customer pays): ALLOW lets the
 * order go on, DENY rejects it, CHALLENGE parks it as CHALLENGE_REQUIRED with the methods offered.
 * DENY and CHALLENGE are recorded by their move; ALLOW is handed back unwritten, for the
 * order's next move (CREATED → RESERVED, `driveOrder`) to record.
 */
export async function decidePurchaseRisk(
  deps: MoneyDeps,
  caller: { customerId: string; channel: string; deviceId?: string },
  order: Order,
): Promise<{ order: Order; allowed: { riskDecision: string; riskDecisionId: string } | null }> {
  const decision = await deps.auth.assessRisk(caller.customerId, {
    action: 'PURCHASE',
    amount: fenToDecimal(order.amount),
    sourceAccountId: order.sourceAccountId!,
    channel: caller.channel,
    deviceId: caller.deviceId ?? null,
  });
  const recorded = { riskDecision: decision.outcome, riskDecisionId: decision.decisionId };
  const now = deps.clock.now();
  if (decision.outcome === 'ALLOW') return { order, allowed: recorded };
  const moved =
    decision.outcome === 'CHALLENGE'
      ? await moveOrder(deps.prisma, order, 'challenge', now, {
          ...recorded,
          challengeMethods: decision.challengeMethods,
        })
      : await moveOrder(deps.prisma, order, 'reject', now, {
          ...recorded,
          failureCode: ErrorCode.RiskDenied,
          failureReason: decision.reasons[0] ?? '交易存在风险，已拒绝',
        });
  return { order: moved ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } })), allowed: null };
}
