import type { MutationResolvers } from '../__generated__/resolvers-types';
import { requireServiceCaller } from '../../kit/serviceCaller';
import { payBill } from '../service/billPayments';
import { FinanceOrderEndStatus, applyFinanceOrderEvent } from '../service/orderEvents';
import { topUp } from '../service/topUps';
import { removeBillAccount, renameBillAccount, saveBillAccount } from '../service/billAccounts';
import { badInput } from '../../../platform/errors';

const END_STATUSES: ReadonlySet<string> = new Set<FinanceOrderEndStatus>(['COMPLETED', 'REJECTED', 'FAILED', 'REVERSED']);

export const Mutation: MutationResolvers = {
  payBill: (_parent, { input }, ctx) => payBill(ctx.payments, ctx.identity, input),
  topUp: (_parent, { input }, ctx) => topUp(ctx.payments, ctx.identity, input),
  saveBillAccount: (_parent, { input }, { prisma, clock, identity }) => saveBillAccount({ prisma, clock }, identity, input),
  renameBillAccount: (_parent, { input }, { prisma, clock, identity }) => renameBillAccount({ prisma, clock }, identity, input),
  removeBillAccount: (_parent, args, { prisma, clock, identity }) => removeBillAccount({ prisma, clock }, identity, args),
  applyLifeOrderEvent: (_parent, { event }, { identity, prisma, clock, log }) => {
    requireServiceCaller(identity, 'life:order-events:apply', 'finance');
    if (!END_STATUSES.has(event.status)) throw badInput('订单状态无效', ['event', 'status']);
    return applyFinanceOrderEvent({ prisma, clock, log }, { ...event, status: event.status as FinanceOrderEndStatus });
  },
};
