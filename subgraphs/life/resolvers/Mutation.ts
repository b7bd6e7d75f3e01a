import type { MutationResolvers } from '../__generated__/resolvers-types';
import { financeOrderEvent } from '../../kit/financeOrderEvents';
import { payBill } from '../service/billPayments';
import { applyFinanceOrderEvent } from '../service/orderEvents';
import { topUp } from '../service/topUps';
import { removeBillAccount, renameBillAccount, saveBillAccount } from '../service/billAccounts';

export const Mutation: MutationResolvers = {
  payBill: (_parent, { input }, ctx) => payBill(ctx.payments, ctx.identity, input),
  topUp: (_parent, { input }, ctx) => topUp(ctx.payments, ctx.identity, input),
  saveBillAccount: (_parent, { input }, { prisma, clock, identity }) => saveBillAccount({ prisma, clock }, identity, input),
  renameBillAccount: (_parent, { input }, { prisma, clock, identity }) => renameBillAccount({ prisma, clock }, identity, input),
  removeBillAccount: (_parent, args, { prisma, clock, identity }) => removeBillAccount({ prisma, clock }, identity, args),
  applyLifeOrderEvent: (_parent, { event }, { prisma, clock, log }) => {
    // Granted to finance alone (serviceScopes.ts).
    return applyFinanceOrderEvent({ prisma, clock, log }, financeOrderEvent(event));
  },
};
