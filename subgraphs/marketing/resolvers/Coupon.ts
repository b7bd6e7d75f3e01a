import { money } from '../../kit/money';
import type { CouponResolvers } from '../__generated__/resolvers-types';
import { couponStatusAt } from '../service/coupons';

/** Reached only through `User.coupons`, which checks ownership. */
export const Coupon: CouponResolvers = {
  faceValue: (coupon) => money(coupon.faceValue),
  minimumSpend: (coupon) => money(coupon.minimumSpend),
  status: (coupon, _args, { clock }) => couponStatusAt(coupon, clock.now()),
  campaign: (coupon, _args, { campaignsById }) => campaignsById.load(coupon.campaignId),
};
