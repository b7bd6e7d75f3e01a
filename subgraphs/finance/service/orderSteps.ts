/**
 * Order state changes. Each is a compare-and-set on the current status (so a step applied twice
 * changes nothing the second time) written in ONE statement together with its outbox event, so
 * an event exists exactly when the change does.
 */
import { randomUUID } from 'node:crypto';
import { Prisma } from '../__generated__/prisma/client';
import type { Order, OrderStatus, PrismaClient } from '../__generated__/prisma/client';
import { LEASE_MS } from './deps';

export interface TransitionChanges {
  entryId?: string;
  failureCode?: string;
  failureReason?: string;
  riskDecision?: string;
  riskDecisionId?: string;
  challengeMethods?: string[];
  completed?: boolean;
  /** Other-bank: queue the clearing instruction with the POSTED change (same statement). */
  clearing?: { dueAt: Date; plannedReturn: string | null };
  /** Other-bank: close the queued clearing instruction with the COMPLETED / REVERSED change (same statement). */
  clearingResult?: { status: 'SETTLED' | 'RETURNED'; returnReason: string | null };
  /** Park the order outside the sweeper's reach (an other-bank order waiting for clearing). */
  parked?: boolean;
  /**
   * The answer to keep under the order's idempotency key (the order's owner and key: the record's
   * primary key), written by the same statement and only if none is kept yet: the request that
   * completes its order saves its answer without another write.
   */
  response?: { json: unknown; riskDecision: string | null };
}

/**
 * Every column of `payment_order` under its Prisma field name, so the row a transition writes is
 * returned by the same statement (the caller needs no second read). Enums and the uuid are cast to
 * text, as Prisma reads them. A column missing here fails `transition returns the moved row` in
 * subgraphs/finance/__tests__/orderSteps.test.ts.
 */
const ORDER_COLUMNS = Prisma.raw(
  [
    'id',
    'owner_id AS "ownerId"',
    'kind::text AS kind',
    'status::text AS status',
    'amount',
    'currency',
    'source_account_id AS "sourceAccountId"',
    'destination_masked AS "destinationMasked"',
    'payee_id AS "payeeId"',
    'channel',
    'memo',
    'idempotency_key AS "idempotencyKey"',
    'request_hash AS "requestHash"',
    'risk_decision AS "riskDecision"',
    'failure_reason AS "failureReason"',
    'failure_code AS "failureCode"',
    'route',
    'destination_account_number AS "destinationAccountNumber"',
    'destination_name AS "destinationName"',
    'destination_bank AS "destinationBank"',
    'destination_account_id AS "destinationAccountId"',
    'source_account_class AS "sourceAccountClass"',
    'source_account_number AS "sourceAccountNumber"',
    'source_holder_name AS "sourceHolderName"',
    'counts_to_class_limit AS "countsToClassLimit"',
    'risk_decision_id AS "riskDecisionId"',
    'challenge_methods AS "challengeMethods"',
    'discount',
    'interest',
    'deposit_id::text AS "depositId"',
    'loan_id AS "loanId"',
    'product_id AS "productId"',
    'coupon_id AS "couponId"',
    'nav',
    'entry_id AS "entryId"',
    'completed_at AS "completedAt"',
    'lease_expires_at AS "leaseExpiresAt"',
    'created_at AS "createdAt"',
    'updated_at AS "updatedAt"',
  ].join(', '),
);

/**
 * Moves the order from one of `from` to `to` and returns the order as it now is; null when it was
 * not in `from` (already moved by someone else: read it again to see where it is).
 */
export async function transition(
  prisma: PrismaClient,
  order: Pick<Order, 'id' | 'ownerId'>,
  from: OrderStatus[],
  to: OrderStatus,
  at: Date,
  changes: TransitionChanges = {},
): Promise<Order | null> {
  const lease = new Date(at.getTime() + LEASE_MS);
  const payload = JSON.stringify({
    orderId: order.id,
    customerId: order.ownerId,
    status: to,
    failureCode: changes.failureCode ?? null,
    at: at.toISOString(),
  });
  const clearing = changes.clearing
    ? Prisma.sql`, queued AS (
        INSERT INTO clearing_instruction (order_id, status, due_at, planned_return, created_at)
        SELECT id, 'QUEUED', ${changes.clearing.dueAt}, ${changes.clearing.plannedReturn}, ${at} FROM moved
        ON CONFLICT (order_id) DO NOTHING RETURNING order_id)`
    : changes.clearingResult
      ? Prisma.sql`, cleared AS (
          UPDATE clearing_instruction SET status = ${changes.clearingResult.status}::"ClearingStatus", return_reason = ${changes.clearingResult.returnReason},
                 processed_at = ${at}, lease_expires_at = NULL
           WHERE order_id IN (SELECT id FROM moved) AND status = 'QUEUED' RETURNING order_id)`
      : Prisma.empty;
  const rows = await prisma.$queryRaw<Order[]>`
    WITH moved AS (
      UPDATE payment_order SET status = ${to}::"OrderStatus", updated_at = ${at}, lease_expires_at = ${changes.parked ? null : lease},
             entry_id = coalesce(${changes.entryId ?? null}, entry_id),
             failure_code = coalesce(${changes.failureCode ?? null}, failure_code),
             failure_reason = coalesce(${changes.failureReason ?? null}, failure_reason),
             risk_decision = coalesce(${changes.riskDecision ?? null}, risk_decision),
             risk_decision_id = coalesce(${changes.riskDecisionId ?? null}, risk_decision_id),
             challenge_methods = coalesce(${changes.challengeMethods ?? null}::text[], challenge_methods),
             completed_at = CASE WHEN ${changes.completed ?? false} THEN ${at} ELSE completed_at END
       WHERE id = ${order.id} AND status::text = ANY(${from}::text[])
      RETURNING ${ORDER_COLUMNS}
    ), event AS (
      INSERT INTO outbox_event (id, aggregate_id, type, payload, created_at, next_attempt_at)
      SELECT ${randomUUID()}, id, ${`ORDER_${to}`}, ${payload}::jsonb, ${at}, ${at} FROM moved RETURNING id
    )${clearing}${productEffects(to, at)}${savedResponse(changes.response)}
    SELECT * FROM moved`;
  return rows[0] ?? null;
}

function savedResponse(response: TransitionChanges['response']): Prisma.Sql {
  if (!response) return Prisma.empty;
  return Prisma.sql`, answered AS (
      UPDATE idempotency_record SET response = ${JSON.stringify(response.json)}::jsonb, risk_decision = coalesce(${response.riskDecision}, risk_decision)
        FROM moved m WHERE owner_id = m."ownerId" AND key = m."idempotencyKey" AND response IS NULL RETURNING order_id)`;
}

/**
 * What an order's end means for this center's own product rows, written in the same statement as
 * the status change (so exactly once, with it, whoever completes the order: the request,
 * confirmOrder, the recovery sweeper or the settlement worker):
 * - COMPLETED: a wealth purchase gets its holding (from the order: product, price = paid + discount,
 *   coupon, the NAV fixed when it was created; shares = price / NAV rounded down; `order_id` unique);
 *   an opening deposit is opened; the redemption is settled; the deposit is withdrawn;
 * - REJECTED / FAILED (nothing moved): the redeemed shares go back to the holding and the deposit
 *   is free to be withdrawn again.
 * Other orders have no such rows, and the joins find nothing.
 */
function productEffects(to: OrderStatus, at: Date): Prisma.Sql {
  if (to === 'COMPLETED') {
    // The payment_order row read here is the statement's snapshot: the columns used are fixed at creation.
    return Prisma.sql`, held AS (
        INSERT INTO holding (id, owner_id, product_id, product_name, order_id, amount, discount, coupon_id, nav, shares, created_at)
        SELECT ${randomUUID()}::uuid, o.owner_id, o.product_id, o.destination_name, o.id, o.amount + o.discount, o.discount,
               o.coupon_id, o.nav, ((o.amount + o.discount) * 10000) / o.nav, ${at}
          FROM payment_order o
         WHERE o.id IN (SELECT id FROM moved) AND o.kind = 'WEALTH_PURCHASE' AND o.product_id IS NOT NULL AND o.nav IS NOT NULL
        ON CONFLICT (order_id) DO NOTHING RETURNING id
      ), opened AS (
        UPDATE time_deposit SET opened_at = ${at} WHERE open_order_id IN (SELECT id FROM moved) AND opened_at IS NULL RETURNING id
      ), settled AS (
        UPDATE wealth_redemption SET settled_at = ${at}, lease_expires_at = NULL
         WHERE order_id IN (SELECT id FROM moved) AND settled_at IS NULL RETURNING order_id
      ), withdrawn AS (
        UPDATE time_deposit SET withdrawn_at = ${at} WHERE withdraw_order_id IN (SELECT id FROM moved) RETURNING id)`;
  }
  if (to === 'REJECTED' || to === 'FAILED') {
    return Prisma.sql`, closed AS (
        UPDATE wealth_redemption SET settled_at = ${at}, lease_expires_at = NULL
         WHERE order_id IN (SELECT id FROM moved) AND settled_at IS NULL RETURNING order_id, holding_id, shares
      ), shares_back AS (
        UPDATE holding h SET shares_redeemed = h.shares_redeemed - c.shares FROM closed c WHERE h.id = c.holding_id RETURNING h.id
      ), deposit_freed AS (
        UPDATE time_deposit SET withdraw_order_id = NULL WHERE withdraw_order_id IN (SELECT id FROM moved) RETURNING id)`;
  }
  return Prisma.empty;
}
