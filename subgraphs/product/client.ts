/**
 * The product center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts):
 * - finance: whether a customer may buy a product (acting for them), and a wealth product's or time
 *   deposit's terms (NAV, rates, term, redemption rule);
 * - limits: a loan or credit-card product's terms;
 * - marketing: the products on sale on a channel, by name and kind (voice search).
 * The catalogue is the product center's; nothing is copied ahead of use.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { createInternalClient } from '../kit/internalClient';
import {
  CatalogueOnSaleDocument,
  CatalogueOnSaleQuery,
  Channel,
  CreditProductTermsDocument,
  CreditProductTermsQuery,
  ProductSuitabilityDocument,
  ProductSuitabilityQuery,
  WealthProductTermsDocument,
  WealthProductTermsQuery,
} from './client/operations.generated';

export type SuitabilityView = ProductSuitabilityQuery['productSuitability'];
export type WealthProductView = NonNullable<WealthProductTermsQuery['product']>;
export type CreditProductView = NonNullable<CreditProductTermsQuery['product']>;
export type CatalogueProductView = CatalogueOnSaleQuery['products']['edges'][number]['node'];

export interface ProductCenterClient {
  /** `channel` as the caller stored it; the product center refuses one it does not know. */
  suitability(customerId: string, productId: string, channel: string, amount: string): Promise<SuitabilityView>;
  /** Null when the product center knows no such product. */
  wealthProduct(productId: string): Promise<WealthProductView | null>;
  /** Null when the product center knows no such product. */
  creditProduct(productId: string): Promise<CreditProductView | null>;
  /** The products on sale on the channel (every channel when omitted), at most 100. */
  catalogueOnSale(channel?: string): Promise<CatalogueProductView[]>;
}

const CATALOGUE = ['product:catalogue:read'];

/** The clock signs the credential, so it must be the same clock the product center verifies with. */
export function createProductCenterClient(caller: CenterName, clock: Clock): ProductCenterClient {
  const client = createInternalClient({ caller, target: 'product', clock, timeoutMs: 5_000 });
  return {
    async suitability(customerId, productId, channel, amount) {
      const data = await client.request(
        ProductSuitabilityDocument,
        { productId, channel: channel as Channel, amount },
        { actingFor: customerId, scopes: ['product:suitability:check'] },
      );
      return data.productSuitability;
    },
    async wealthProduct(productId) {
      return (await client.request(WealthProductTermsDocument, { productId }, { scopes: CATALOGUE })).product;
    },
    async creditProduct(productId) {
      return (await client.request(CreditProductTermsDocument, { productId }, { scopes: CATALOGUE })).product;
    },
    async catalogueOnSale(channel) {
      const data = await client.request(CatalogueOnSaleDocument, { channel: (channel ?? null) as Channel | null }, { scopes: CATALOGUE });
      return data.products.edges.map((edge) => edge.node);
    },
  };
}
