import type { MutationResolvers } from '../__generated__/resolvers-types';
import { payBill } from '../service/billPayments';

export const Mutation: MutationResolvers = {
  payBill: (_parent, { input }, ctx) => payBill(ctx.payments, ctx.identity, input),
};
