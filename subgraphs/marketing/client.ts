/**
 * The marketing center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts). All of it is finance's:
 * - a purchase's coupon: redeemed once per order id, released when the order ends without moving money
 *   (both acting for the customer);
 * - completed and reversed orders, for points and order figures (once per event id).
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { WithStoredValues, createInternalClient } from '../kit/internalClient';
import { OrderEventInput, RecordOrderEventDocument, RedeemCouponDocument, ReleaseCouponDocument } from './client/operations.generated';

export type OrderEventRequest = WithStoredValues<OrderEventInput, 'channel'>;

export interface MarketingCenterClient {
  /** The discount the coupon gives this order (Decimal). */
  redeemCoupon(customerId: string, couponId: string, orderId: string, amount: string): Promise<{ discount: string }>;
  /** True when this order's redemption was released now, false when there was none to release. */
  releaseCoupon(customerId: string, couponId: string, orderId: string): Promise<boolean>;
  /** True when marketing had already recorded this event. */
  recordOrderEvent(event: OrderEventRequest): Promise<boolean>;
}

/** The clock signs the credential, so it must be the same clock the marketing center verifies with. */
export function createMarketingCenterClient(caller: CenterName, clock: Clock, options: { timeoutMs?: number } = {}): MarketingCenterClient {
  const client = createInternalClient({ caller, target: 'marketing', clock, timeoutMs: options.timeoutMs });
  return {
    async redeemCoupon(customerId, couponId, orderId, amount) {
      const data = await client.request(
        RedeemCouponDocument,
        { couponId, orderId, amount },
        { actingFor: customerId, scopes: ['marketing:coupon:redeem'] },
      );
      return { discount: data.redeemCoupon.discount.amount };
    },
    async releaseCoupon(customerId, couponId, orderId) {
      const data = await client.request(
        ReleaseCouponDocument,
        { couponId, orderId },
        { actingFor: customerId, scopes: ['marketing:coupon:release'] },
      );
      return data.releaseCoupon.released;
    },
    async recordOrderEvent(event) {
      const data = await client.request(
        RecordOrderEventDocument,
        { event: event as OrderEventInput },
        { scopes: ['marketing:order-events:write'] },
      );
      return data.recordOrderEvent.duplicate;
    },
  };
}
