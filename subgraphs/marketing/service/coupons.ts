import type { Coupon, CouponStatus, PrismaClient } from '../__generated__/prisma/client';

export type CouponRecord = Coupon;
export interface UserReference {
  id: string;
}

export function findCouponsOfCustomers(prisma: PrismaClient, customerIds: readonly string[]): Promise<Coupon[]> {
  return prisma.coupon.findMany({
    where: { customerId: { in: [...customerIds] } },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
  });
}

/** A coupon not yet redeemed reads as EXPIRED once its expiry has passed, whatever is stored. */
export function couponStatusAt(coupon: Pick<Coupon, 'status' | 'expiresAt'>, now: Date): CouponStatus {
  if ((coupon.status === 'ISSUED' || coupon.status === 'CLAIMED') && coupon.expiresAt.getTime() <= now.getTime()) {
    return 'EXPIRED';
  }
  return coupon.status;
}

const DISPLAY_ORDER: Record<CouponStatus, number> = { CLAIMED: 0, ISSUED: 1, REDEEMED: 2, EXPIRED: 3 };

/** Usable coupons first (claimed, then issued), then used and expired ones; soonest expiry first within each. */
export function inDisplayOrder(coupons: readonly Coupon[], now: Date): Coupon[] {
  return [...coupons].sort(
    (a, b) =>
      DISPLAY_ORDER[couponStatusAt(a, now)] - DISPLAY_ORDER[couponStatusAt(b, now)] ||
      a.expiresAt.getTime() - b.expiresAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}
