import { money, scaledToDecimal } from '../../kit/money';
import type { HoldingResolvers } from '../__generated__/resolvers-types';

export const Holding: HoldingResolvers = {
  amount: (holding) => money(holding.amount),
  discount: (holding) => money(holding.discount),
  nav: (holding) => scaledToDecimal(holding.nav, 4),
  shares: (holding) => scaledToDecimal(holding.shares, 2),
  order: async (holding, _args, { ordersById }) => (await ordersById.load(holding.orderId))!,
};
