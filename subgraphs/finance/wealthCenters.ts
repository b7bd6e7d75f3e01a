/**
 * What wealth and deposit orders ask other centers, through their published clients: the product
 * center's suitability decision and a product's NAV, rates, term and redemption rule; the limits
 * center's signed agreements (acting for the customer); marketing's coupon redemption (once per
 * order id). One seam, so order tests can answer for all three.
 */
import type { Clock } from '../../platform/clock';
import { LimitsCenterClient, createLimitsCenterClient } from '../limits/client';
import { MarketingCenterClient, createMarketingCenterClient } from '../marketing/client';
import { ProductCenterClient, createProductCenterClient } from '../product/client';

export type { SuitabilityView, WealthProductView } from '../product/client';

export interface WealthCentersClient {
  suitability: ProductCenterClient['suitability'];
  product: ProductCenterClient['wealthProduct'];
  agreementInForceSigned: LimitsCenterClient['agreementInForceSigned'];
  redeemCoupon: MarketingCenterClient['redeemCoupon'];
}

export function createWealthCentersClient(clock: Clock): WealthCentersClient {
  const product = createProductCenterClient('finance', clock);
  const limits = createLimitsCenterClient('finance', clock, { timeoutMs: 5_000 });
  const marketing = createMarketingCenterClient('finance', clock, { timeoutMs: 5_000 });
  return {
    suitability: (customerId, productId, channel, amount) => product.suitability(customerId, productId, channel, amount),
    product: (productId) => product.wealthProduct(productId),
    agreementInForceSigned: (customerId, code) => limits.agreementInForceSigned(customerId, code),
    redeemCoupon: (customerId, couponId, orderId, amount) => marketing.redeemCoupon(customerId, couponId, orderId, amount),
  };
}
