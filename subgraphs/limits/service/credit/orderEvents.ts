/**
 * Finance's order events, applied to the loan repayments that asked for those orders. A repayment
 * whose caller lost finance's answer (a timeout, an outage mid-way) stays PENDING, holding its
 * installment; when its order ends, finance's outbox relay tells this center, and:
 * - COMPLETED applies it to the loan (`applyRepaymentIn`: installment PAID, principal lowered);
 * - REJECTED, FAILED or REVERSED releases it (REJECTED with the order's failure code), so the
 *   installment is free for a new key.
 * The row is found by the key this center gave finance (`loanrepay-<repayment id>`). Delivery is at
 * least once: the event id is recorded with its effect in one transaction and a known id changes
 * nothing; the updates are compare-and-sets from PENDING besides.
 */
import type { Clock } from '../../../../platform/clock';
import type { Logger } from '../../../../platform/observability/logger';
import type { PrismaClient } from '../../__generated__/prisma/client';
import type { FinanceOrderEvent } from '../../../kit/financeOrderEvents';
import { applyRepaymentIn } from './loanRepayments';

const CLAIM_KEY = /^loanrepay-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The repayment a finance idempotency key names, or null for a key this center did not write. */
export function repaymentOfKey(orderKey: string): string | null {
  return CLAIM_KEY.exec(orderKey)?.[1] ?? null;
}

/** True when this event changed a repayment; false for a redelivery, or an order no repayment asked for. */
export async function applyFinanceOrderEvent(
  deps: { prisma: PrismaClient; clock: Clock; log: Logger },
  event: FinanceOrderEvent,
): Promise<boolean> {
  const repaymentId = repaymentOfKey(event.orderKey);
  const now = deps.clock.now();
  const applied = await deps.prisma.$transaction(async (tx) => {
    const recorded = await tx.appliedOrderEvent.createMany({
      data: [{ eventId: event.eventId, orderId: event.orderId, appliedAt: now }],
      skipDuplicates: true,
    });
    if (recorded.count === 0 || !repaymentId) return false;
    // The customer check keeps an event from touching another customer's repayment, whatever its key says.
    const row = await tx.loanRepayment.findFirst({ where: { id: repaymentId, customerId: event.customerId, status: 'PENDING' } });
    if (!row) return false;
    if (event.status === 'COMPLETED') return applyRepaymentIn(tx, repaymentId, event.orderId, now);
    const released = await tx.loanRepayment.updateMany({
      where: { id: repaymentId, status: 'PENDING' },
      data: {
        status: 'REJECTED',
        orderId: event.orderId,
        failureCode: event.failureCode ?? `ORDER_${event.status}`,
        failureReason: event.failureReason ?? null,
        updatedAt: now,
      },
    });
    return released.count > 0;
  });
  if (applied) {
    deps.log.info(
      { event: 'limits.order-event.applied', orderId: event.orderId, status: event.status, repaymentId },
      'finance order outcome applied to a loan repayment',
    );
  }
  return applied;
}

/** Of the given finance keys, those whose repayment is still PENDING (for finance's daily reconciliation). */
export async function pendingClaims(prisma: PrismaClient, orderKeys: readonly string[]): Promise<string[]> {
  const byId = new Map(orderKeys.flatMap((key) => (repaymentOfKey(key) ? [[repaymentOfKey(key)!, key] as const] : [])));
  const rows = await prisma.loanRepayment.findMany({ where: { id: { in: [...byId.keys()] }, status: 'PENDING' }, select: { id: true } });
  return rows.map((row) => byId.get(row.id)!);
}
