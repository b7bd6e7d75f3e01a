/**
 * The recovery sweeper: finishes or compensates orders a crash (or an outage) left mid-way.
 *
 * Rule (ARCHITECTURE.md, Money): recovery is forward-only once money is posted. Before deciding,
 * the sweeper asks the account center what it holds for the order id:
 * - a posted FORWARD entry → move forward: POSTED, commit the limit usage, COMPLETED;
 * - nothing → take the order's entry slot with a VOID fence (so a post still in flight can never
 *   land afterwards), give the limit reservation back, and mark the order FAILED.
 *   If the fence finds the post landed first, it moves forward instead.
 * A T1 redemption waiting for its settlement day is parked (no lease): the settlement worker, not
 * the sweeper, finishes it (`redemptionSettlement.ts`).
 * Completing here is the same step as the request's (`completePosted`, the machine's `complete`
 * move in `orderMachine.ts`): a wealth
 * purchase gets its holding and a deposit opening opens its deposit in it, exactly once, without
 * waiting for the customer to replay or confirm. Every route (transfers, merchant and loan
 * payments, purchases, redemptions, withdrawals, loan disbursements) is recovered the same way; only whether a limit
 * reservation is committed or released depends on it (`takesLimit`).
 * Each step is idempotent on the order id, so a sweeper killed half-way is finished by the next pass.
 * Orders are taken with a lease (`FOR UPDATE SKIP LOCKED` then `lease_expires_at`), so two sweepers
 * never work on the same order at once and a dead sweeper's orders come back when its lease runs out.
 */
import type { Order } from '../__generated__/prisma/client';
import { completePosted, markPosted, takesLimit } from './advance';
import { LEASE_MS, MoneyDeps } from './deps';
import { moveOrder } from './orderMachine';

/** A challenge the customer never answered ends after this long (nothing was reserved or posted). */
export const CHALLENGE_WINDOW_MS = 15 * 60_000;
const VOID_KIND = 'VOID';

export type RecoveryOutcome = 'COMPLETED' | 'POSTED' | 'FAILED' | 'UNCHANGED';

/** Takes up to `batch` stuck orders, renewing their lease in the same statement. */
export async function leaseStuckOrders(deps: MoneyDeps, batch = 20): Promise<Order[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + LEASE_MS);
  const challengeCutoff = new Date(now.getTime() - CHALLENGE_WINDOW_MS);
  const rows = await deps.prisma.$queryRaw<{ id: string }[]>`
    UPDATE payment_order SET lease_expires_at = ${lease}
     WHERE id IN (
       SELECT id FROM payment_order
        WHERE (status IN ('CREATED', 'RESERVED', 'POSTED') AND lease_expires_at < ${now})
           OR (status = 'CHALLENGE_REQUIRED' AND updated_at < ${challengeCutoff} AND lease_expires_at < ${now})
        ORDER BY lease_expires_at
        LIMIT ${batch}
          FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (rows.length === 0) return [];
  return deps.prisma.order.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
}

/** Finishes or compensates one leased order. */
export async function recoverOrder(deps: MoneyDeps, order: Order): Promise<RecoveryOutcome> {
  if (order.status === 'CHALLENGE_REQUIRED') {
    const moved = await moveOrder(deps.prisma, order, 'expireChallenge', deps.clock.now(), {
      failureCode: 'CHALLENGE_EXPIRED',
      failureReason: '身份验证超时，交易已取消',
    });
    return moved ? 'FAILED' : 'UNCHANGED';
  }
  const entries = await deps.account.entriesOf([order.id]);
  const forward = entries.find((entry) => entry.phase === 'FORWARD');
  if (forward && forward.kind !== VOID_KIND) return finishPosted(deps, order, forward.entryId);
  if (!forward) {
    const fence = await deps.account.voidOrder(order.id);
    if (!fence.voided) return finishPosted(deps, order, fence.entryId);
  }
  // Void: nothing moved for this order and nothing can move any more. A redemption or withdrawal
  // (credit-only, no reservation) gets its shares or its deposit back in the FAILED statement.
  if (takesLimit(order)) await deps.limits.release(order.id);
  const moved = await moveOrder(deps.prisma, order, 'abandon', deps.clock.now(), {
    failureCode: 'RECOVERY_ABANDONED',
    failureReason: '交易处理中断，已撤销，资金未扣划',
  });
  return moved ? 'FAILED' : 'UNCHANGED';
}

/** Money is posted: the order can only go forward. */
async function finishPosted(deps: MoneyDeps, order: Order, entryId: string): Promise<RecoveryOutcome> {
  const posted = order.status === 'CREATED' || order.status === 'RESERVED' ? await markPosted(deps, order, entryId) : null;
  const current = posted ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } }));
  if (current.status !== 'POSTED') return 'UNCHANGED';
  // Other-bank orders now wait for clearing, which commits (settled) or releases (returned) the usage.
  if (current.route === 'OTHER_BANK') return 'POSTED';
  return (await completePosted(deps, current)) ? 'COMPLETED' : 'UNCHANGED';
}

/** One sweeper pass: lease, then recover each order; a failure leaves that order for a later pass. */
export async function sweepStuckOrders(
  deps: MoneyDeps,
  batch = 20,
): Promise<{ leased: number; outcomes: Record<RecoveryOutcome, number> }> {
  const orders = await leaseStuckOrders(deps, batch);
  const outcomes: Record<RecoveryOutcome, number> = { COMPLETED: 0, POSTED: 0, FAILED: 0, UNCHANGED: 0 };
  for (const order of orders) {
    try {
      outcomes[await recoverOrder(deps, order)] += 1;
    } catch (error) {
      deps.log.warn({ err: error, orderId: order.id }, 'order recovery failed; retried after its lease');
    }
  }
  return { leased: orders.length, outcomes };
}
