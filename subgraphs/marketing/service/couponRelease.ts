/**
 * Giving a coupon back when the order it was redeemed for did not go through (finance's order
 * outbox delivers REJECTED / FAILED orders here, at least once).
 *
 * One statement, under the coupon's row lock: if the coupon is redeemed by exactly this order (and
 * belongs to the customer), it goes back to CLAIMED; in any case the order id is added to the
 * coupon's `released_order_ids`, and `redeemCoupon` refuses those orders. So:
 * - a repeat (a redelivered event) finds the order already there and changes nothing;
 * - a release naming another order never touches a coupon some other order used;
 * - a redeem request for the order that arrives after its release (a slow request the sweeper gave
 *   up on) is refused instead of leaving the coupon used by an order that did not go through.
 */
import type { PrismaClient } from '../__generated__/prisma/client';

export interface Release {
  couponId: string;
  customerId: string;
  orderId: string;
}

/** True when this call gave the coupon back (REDEEMED → CLAIMED); false when there was nothing to give back. */
export async function releaseCoupon(prisma: PrismaClient, release: Release): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ released: boolean }[]>`
    WITH target AS (
      SELECT id, redeemed_order_id IS NOT DISTINCT FROM ${release.orderId} AND status = 'REDEEMED' AS redeemed_by_order
        FROM coupon
       WHERE id = ${release.couponId} AND customer_id = ${release.customerId}
         AND NOT (${release.orderId} = ANY(coalesce(released_order_ids, '{}')))
         FOR UPDATE
    )
    UPDATE coupon c
       SET status = CASE WHEN t.redeemed_by_order THEN 'CLAIMED'::"CouponStatus" ELSE c.status END,
           redeemed_at = CASE WHEN t.redeemed_by_order THEN NULL ELSE c.redeemed_at END,
           redeemed_order_id = CASE WHEN t.redeemed_by_order THEN NULL ELSE c.redeemed_order_id END,
           released_order_ids = array_append(coalesce(c.released_order_ids, '{}'), ${release.orderId})
      FROM target t
     WHERE c.id = t.id
    RETURNING t.redeemed_by_order AS released`;
  return rows[0]?.released === true;
}
