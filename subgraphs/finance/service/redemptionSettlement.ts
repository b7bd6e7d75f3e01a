/**
 * T1 settlement: a T1 redemption's order waits (CREATED, parked outside the sweeper) with its
 * `wealth_redemption` row until `due_at`, the next working day. This worker leases due rows
 * (`FOR UPDATE SKIP LOCKED` + lease, like the clearing simulator) and drives each order through the
 * ledger: PRODUCT_CUSTODY → customer, POSTED, COMPLETED; the COMPLETED statement also marks the row
 * settled. The queue is the table, so a pending redemption survives restarts; every step is
 * idempotent on the order id (the ledger answers a repeated post with the first entry), so a pass
 * that died half-way is finished by the next one and never credits twice.
 */
import type { WealthRedemption } from '../__generated__/prisma/client';
import { advanceOrder } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';

export type SettlementOutcome = 'SETTLED' | 'REJECTED' | 'CLOSED' | 'WAITING';

export async function leaseDueRedemptions(deps: MoneyDeps, batch = 20): Promise<WealthRedemption[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await deps.prisma.$queryRaw<{ order_id: string }[]>`
    UPDATE wealth_redemption SET lease_expires_at = ${lease}
     WHERE order_id IN (
       SELECT order_id FROM wealth_redemption
        WHERE settled_at IS NULL AND mode = 'T1' AND due_at <= ${now} AND (lease_expires_at IS NULL OR lease_expires_at < ${now})
        ORDER BY due_at
        LIMIT ${batch}
          FOR UPDATE SKIP LOCKED)
    RETURNING order_id`;
  if (rows.length === 0) return [];
  return deps.prisma.wealthRedemption.findMany({ where: { orderId: { in: rows.map((row) => row.order_id) } } });
}

export async function settleRedemption(deps: MoneyDeps, redemption: WealthRedemption): Promise<SettlementOutcome> {
  const order = await deps.prisma.order.findUniqueOrThrow({ where: { id: redemption.orderId } });
  if (order.status !== 'CREATED' && order.status !== 'POSTED') {
    // Finished some other way (the sweeper completed a posted one): close the row so it stops coming back.
    await deps.prisma.wealthRedemption.updateMany({
      where: { orderId: order.id, settledAt: null },
      data: { settledAt: deps.clock.now(), leaseExpiresAt: null },
    });
    return 'CLOSED';
  }
  const after = await advanceOrder(deps, order);
  if (after.status === 'COMPLETED') return 'SETTLED';
  if (after.status === 'REJECTED' || after.status === 'FAILED') return 'REJECTED';
  return 'WAITING';
}

/** One settlement pass over due T1 redemptions; a failure leaves that one for a later pass. */
export async function runRedemptionSettlement(deps: MoneyDeps, batch = 20): Promise<Record<SettlementOutcome, number>> {
  const outcomes: Record<SettlementOutcome, number> = { SETTLED: 0, REJECTED: 0, CLOSED: 0, WAITING: 0 };
  for (const redemption of await leaseDueRedemptions(deps, batch)) {
    try {
      outcomes[await settleRedemption(deps, redemption)] += 1;
    } catch (error) {
      deps.log.warn({ err: error, orderId: redemption.orderId }, 'redemption settlement failed; retried after its lease');
    }
  }
  return outcomes;
}
