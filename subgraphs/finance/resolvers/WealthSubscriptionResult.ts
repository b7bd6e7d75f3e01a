import { money } from '../../kit/money';
import type { WealthSubscriptionResultResolvers } from '../__generated__/resolvers-types';
import { challengeOf } from '../service/orderChallenges';

export const WealthSubscriptionResult: WealthSubscriptionResultResolvers = {
  discount: (result) => money(result.discountFen),
  challenge: (result) => challengeOf(result.order),
};
