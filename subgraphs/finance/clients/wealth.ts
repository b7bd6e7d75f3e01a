/**
 * What wealth and deposit orders ask other centers: the product center's suitability decision and
 * the product's NAV, rates, term and redemption rule, the limits center's signed agreements (its customer `agreements` query, asked
 * acting for the customer), and marketing's coupon redemption (once per order id).
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface SuitabilityView {
  allowed: boolean;
  code: string | null;
  message: string | null;
  agreementCode: string | null;
  productRiskLevel: string;
}

export interface WealthProductView {
  id: string;
  name: string;
  kind: string;
  nav: string | null;
  /** Percent, four decimals. */
  rate: string;
  termDays: number | null;
  /** Time deposits: the demand rate paid before maturity. */
  earlyWithdrawalRate: string | null;
  /** Wealth products: T0 | T1 | AT_MATURITY and the per-customer daily cap. */
  redemption: { mode: 'T0' | 'T1' | 'AT_MATURITY'; dailyCap: { amount: string } | null } | null;
}

export interface SignedAgreementView {
  templateCode: string;
  kind: string;
}

export interface WealthCentersClient {
  suitability(customerId: string, productId: string, channel: string, amount: string): Promise<SuitabilityView>;
  product(productId: string): Promise<WealthProductView | null>;
  signedAgreements(customerId: string): Promise<SignedAgreementView[]>;
  redeemCoupon(customerId: string, couponId: string, orderId: string, amount: string): Promise<{ discount: string }>;
}

export function createWealthCentersClient(clock: Clock): WealthCentersClient {
  const product = createInternalClient({ caller: 'finance', target: 'product', clock, timeoutMs: 5_000 });
  const limits = createInternalClient({ caller: 'finance', target: 'limits', clock, timeoutMs: 5_000 });
  const marketing = createInternalClient({ caller: 'finance', target: 'marketing', clock, timeoutMs: 5_000 });
  return {
    async suitability(customerId, productId, channel, amount) {
      const data = await product.request<{ productSuitability: SuitabilityView }>(
        'query($p: ID!, $c: Channel!, $a: Decimal) { productSuitability(productId: $p, channel: $c, amount: $a) ' +
          '{ allowed code message agreementCode productRiskLevel } }',
        { p: productId, c: channel, a: amount },
        { actingFor: customerId, scopes: ['product:suitability:check'] },
      );
      return data.productSuitability;
    },
    async product(productId) {
      const data = await product.request<{ product: WealthProductView | null }>(
        'query($p: ID!) { product(id: $p) { id name kind nav rate termDays earlyWithdrawalRate redemption { mode dailyCap { amount } } } }',
        { p: productId },
        { scopes: ['product:catalogue:read'] },
      );
      return data.product;
    },
    async signedAgreements(customerId) {
      const data = await limits.request<{ agreements: SignedAgreementView[] }>(
        '{ agreements { templateCode kind } }',
        {},
        { actingFor: customerId, scopes: ['limits:agreements:read'] },
      );
      return data.agreements;
    },
    async redeemCoupon(customerId, couponId, orderId, amount) {
      const data = await marketing.request<{ redeemCoupon: { discount: { amount: string } } }>(
        'mutation($c: ID!, $o: ID!, $a: Decimal!) { redeemCoupon(couponId: $c, orderId: $o, amount: $a) { discount { amount } } }',
        { c: couponId, o: orderId, a: amount },
        { actingFor: customerId, scopes: ['marketing:coupon:redeem'] },
      );
      return { discount: data.redeemCoupon.discount.amount };
    },
  };
}
