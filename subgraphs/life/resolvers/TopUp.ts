import { money } from '../../kit/money';
import type { TopUpResolvers } from '../__generated__/resolvers-types';

export const TopUp: TopUpResolvers = {
  // Only the mask ever leaves the center; the cipher and blind index stay inside.
  maskedMobile: (topUp) => topUp.mobileMasked,
  amount: (topUp) => money(topUp.amount),
};
