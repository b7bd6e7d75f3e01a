import { money, scaledToDecimal } from '../../kit/money';
import type { FinanceContext } from '../context';
import type { HoldingResolvers } from '../__generated__/resolvers-types';
import type { HoldingRecord } from '../service/wealthSubscriptions';
import { navToE4 } from '../service/wealthSubscriptions';
import { redemptionAmountFen } from '../service/redemptions';

/** The product's NAV now (1e-4 yuan); the holding's own NAV if the product center no longer answers one. */
async function currentNavE4(holding: HoldingRecord, { productsById }: FinanceContext): Promise<bigint> {
  const product = await productsById.load(holding.productId);
  return product?.nav ? navToE4(product.nav) : holding.nav;
}

export const Holding: HoldingResolvers = {
  amount: (holding) => money(holding.amount),
  discount: (holding) => money(holding.discount),
  nav: (holding) => scaledToDecimal(holding.nav, 4),
  shares: (holding) => scaledToDecimal(holding.shares, 2),
  sharesHeld: (holding) => scaledToDecimal(holding.shares - holding.sharesRedeemed, 2),
  currentNav: async (holding, _args, ctx) => scaledToDecimal(await currentNavE4(holding, ctx), 4),
  // Valued like a redemption: shares × NAV rounded down to the fen.
  value: async (holding, _args, ctx) =>
    money(redemptionAmountFen(holding.shares - holding.sharesRedeemed, await currentNavE4(holding, ctx))),
  order: async (holding, _args, { ordersById }) => (await ordersById.load(holding.orderId))!,
};
