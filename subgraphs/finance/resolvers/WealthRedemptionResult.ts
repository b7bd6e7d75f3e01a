import { money, scaledToDecimal } from '../../kit/money';
import type { WealthRedemptionResultResolvers } from '../__generated__/resolvers-types';

export const WealthRedemptionResult: WealthRedemptionResultResolvers = {
  shares: (result) => scaledToDecimal(result.redemption.shares, 2),
  nav: (result) => scaledToDecimal(result.redemption.nav, 4),
  amount: (result) => money(result.order.amount),
  mode: (result) => result.redemption.mode,
  pending: (result) => result.order.status === 'CREATED' && result.redemption.settledAt === null,
  settlesAt: (result) => result.redemption.settledAt ?? result.redemption.dueAt,
};
