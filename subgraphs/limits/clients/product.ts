/**
 * What the limits center asks the product center: a loan or credit-card product's terms (kind,
 * status, channels, rate, amount range, term, card type), from its public `product(id)` query
 * with a service credential. The catalogue is the product center's; nothing is copied ahead of use.
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface CreditProductView {
  id: string;
  name: string;
  kind: 'WEALTH' | 'TIME_DEPOSIT' | 'LOAN' | 'CREDIT_CARD';
  status: 'ON_SALE' | 'OFF_SALE';
  channels: string[];
  /** Annual percent, four decimals, e.g. "3.6500". */
  rate: string;
  minAmount: { amount: string };
  maxAmount: { amount: string } | null;
  termDays: number | null;
  creditCard: { cardType: 'CLASSIC' | 'GOLD' | 'PLATINUM' } | null;
}

export interface ProductCenterClient {
  /** Null when the product center knows no such product. */
  product(productId: string): Promise<CreditProductView | null>;
}

const PRODUCT = /* GraphQL */ `
  query CreditProduct($id: ID!) {
    product(id: $id) {
      id
      name
      kind
      status
      channels
      rate
      termDays
      minAmount {
        amount
      }
      maxAmount {
        amount
      }
      creditCard {
        cardType
      }
    }
  }
`;

export function createProductCenterClient(clock: Clock): ProductCenterClient {
  const client = createInternalClient({ caller: 'limits', target: 'product', clock, timeoutMs: 5_000 });
  return {
    async product(productId) {
      const data = await client.request<{ product: CreditProductView | null }>(
        PRODUCT,
        { id: productId },
        { scopes: ['product:catalogue:read'] },
      );
      return data.product;
    },
  };
}
