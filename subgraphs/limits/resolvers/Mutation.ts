import { currentCustomerId, serviceCaller } from '../../kit/authorization';
import { badInput, unauthenticated } from '../../../platform/errors';
import { fenToDecimal, parseAmountToFen } from '../../kit/money';
import type { LimitReservation } from '../__generated__/prisma/client';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { isLimitChannel } from '../service/effectiveLimits';
import { commitReservation, releaseReservation, reserveLimit } from '../service/reservations';
import { setMyLimit } from '../service/setMyLimit';
import { applyForCreditCard } from '../service/credit/cardApplications';
import { applyForLoan } from '../service/credit/loanApplications';
import { repayLoan } from '../service/credit/loanRepayments';
import { acceptLoan } from '../service/credit/loanDisbursements';
import { applyFinanceOrderEvent } from '../service/credit/orderEvents';
import { financeOrderEvent } from '../../kit/financeOrderEvents';

export const reservationView = (reservation: LimitReservation) => ({
  orderId: reservation.orderId,
  accountId: reservation.accountId,
  amount: fenToDecimal(reservation.amount),
  status: reservation.status,
});

export const Mutation: MutationResolvers = {
  applyForLoan: (_parent, { input }, ctx) => applyForLoan(ctx.credit, ctx.identity, input),
  applyForCreditCard: (_parent, { input }, ctx) => applyForCreditCard(ctx.credit, ctx.identity, input),
  repayLoan: (_parent, { input }, ctx) => repayLoan(ctx.credit, ctx.identity, input),
  acceptLoan: (_parent, { input }, ctx) => acceptLoan(ctx.credit, ctx.identity, input),
  applyRepaymentOrderEvent: (_parent, { event }, { prisma, clock, log }) => {
    // Granted to finance alone (serviceScopes.ts).
    return applyFinanceOrderEvent({ prisma, clock, log }, financeOrderEvent(event));
  },
  setMyLimit: (_parent, { channel, period, amount, challengeToken }, { identity, prisma, auth }) => {
    if (identity.kind !== 'gateway') throw unauthenticated();
    if (channel != null && !isLimitChannel(channel)) throw badInput('该渠道没有转账限额', ['channel']);
    const fen = parseAmountToFen(amount, ['amount'], { allowZero: true });
    return setMyLimit(
      { prisma, auth },
      { customerId: currentCustomerId(identity), channel: channel ?? null, period, amount: fen, challengeToken },
    );
  },
  reserveLimit: async (_parent, { input }, { identity, prisma, clock }) => {
    const { actingFor } = serviceCaller(identity);
    if (!actingFor) throw unauthenticated();
    if (!isLimitChannel(input.channel)) throw badInput('该渠道没有转账限额', ['input', 'channel']);
    const inflow = input.inflow ?? null;
    const inflowClass = inflow?.accountClass;
    if (inflowClass === 'I') throw badInput('Ⅰ类户没有转入限额', ['input', 'inflow', 'accountClass']);
    const outcome = await reserveLimit(prisma, {
      orderId: input.orderId,
      customerId: actingFor,
      accountId: input.accountId,
      accountClass: input.accountClass,
      countsToClassLimit: input.countsToClassLimit,
      channel: input.channel,
      amount: parseAmountToFen(input.amount, ['input', 'amount']),
      at: clock.now(),
      inflow: inflow && inflowClass ? { customerId: inflow.customerId, accountId: inflow.accountId, accountClass: inflowClass } : null,
    });
    return outcome.ok
      ? { ok: true, reservation: reservationView(outcome.reservation) }
      : { ok: false, limit: outcome.limit, reason: outcome.reason };
  },
  commitLimitReservation: async (_parent, { orderId }, { prisma, clock }) => {
    const reservation = await commitReservation(prisma, orderId, clock.now());
    return reservation && reservationView(reservation);
  },
  releaseLimitReservation: async (_parent, { orderId }, { prisma, clock }) => {
    const reservation = await releaseReservation(prisma, orderId, clock.now());
    return reservation && reservationView(reservation);
  },
};
