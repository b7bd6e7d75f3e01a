import { money } from '../../kit/money';
import type { LimitResolvers } from '../__generated__/resolvers-types';

export const Limit: LimitResolvers = {
  amount: (limit) => money(limit.amountFen),
};
