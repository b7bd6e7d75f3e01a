/**
 * Using a coupon on an order. One conditional UPDATE does it: under concurrency the row lock makes
 * the second redeemer re-check the WHERE against the committed REDEEMED row and match nothing, and
 * `redeemed_order_id` is unique, so a coupon is used at most once and an order uses one coupon.
 * Redeeming again for the same order answers the first result (finance retries). An order whose
 * release came first (`couponRelease.ts`) is refused, so a late redeem cannot undo a release.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import type { Coupon, PrismaClient } from '../__generated__/prisma/client';

export interface Redemption {
  couponId: string;
  customerId: string;
  orderId: string;
  /** The order's amount in fen, against the coupon's minimum spend. */
  amountFen: bigint;
  now: Date;
}

export async function redeemCoupon(prisma: PrismaClient, redemption: Redemption): Promise<Coupon> {
  const { count } = await prisma.coupon
    .updateMany({
      where: {
        id: redemption.couponId,
        customerId: redemption.customerId,
        status: { in: ['ISSUED', 'CLAIMED'] },
        expiresAt: { gt: redemption.now },
        minimumSpend: { lte: redemption.amountFen },
        redeemedOrderId: null,
        // An order whose release already came in (it ended without going through) never uses the coupon.
        NOT: { releasedOrderIds: { has: redemption.orderId } },
      },
      data: { status: 'REDEEMED', redeemedAt: redemption.now, redeemedOrderId: redemption.orderId },
    })
    .catch((error: unknown) => {
      // The order already used another coupon (unique redeemed_order_id).
      if (isUniqueViolation(error)) return { count: 0 };
      throw error;
    });
  const coupon = await prisma.coupon.findUnique({ where: { id: redemption.couponId } });
  if (coupon && coupon.customerId === redemption.customerId && coupon.redeemedOrderId === redemption.orderId) return coupon;
  if (count === 1 && coupon) return coupon;
  throw bankError(ErrorCode.CouponUnavailable, '优惠券不可用（已使用、已过期或未达使用门槛）', { field: ['couponId'] });
}
