import type { MutationResolvers } from '../__generated__/resolvers-types';
import { payBill } from '../service/billPayments';
import { topUp } from '../service/topUps';

export const Mutation: MutationResolvers = {
  payBill: (_parent, { input }, ctx) => payBill(ctx.payments, ctx.identity, input),
  topUp: (_parent, { input }, ctx) => topUp(ctx.payments, ctx.identity, input),
};
