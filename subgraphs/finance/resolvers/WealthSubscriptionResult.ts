import { money } from '../../kit/money';
import type { WealthSubscriptionResultResolvers } from '../__generated__/resolvers-types';

export const WealthSubscriptionResult: WealthSubscriptionResultResolvers = {
  discount: (result) => money(result.discountFen),
};
