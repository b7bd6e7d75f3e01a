import { assertOwnedBy, currentCustomerId } from '../../kit/authorization';
import { badInput } from '../../../platform/errors';
import { findReservations, findReservationsOfDay } from '../service/reservations';
import { reservationView } from './Mutation';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { findCurrentTemplates } from '../service/agreements';
import { limitsOfCustomer } from '../service/customerLimits';
import { pendingClaims } from '../service/credit/orderEvents';

export const Query: QueryResolvers = {
  loanApplication: async (_parent, { id }, { identity, prisma, log }) => {
    currentCustomerId(identity); // anonymous callers are refused even for an unknown id
    const application = await prisma.loanApplication.findUnique({ where: { id } });
    if (!application) return null;
    assertOwnedBy(identity, application.customerId, log, 'loanApplication');
    return application;
  },
  limits: (_parent, _args, ctx) => limitsOfCustomer(ctx, currentCustomerId(ctx.identity)),

  agreements: (_parent, _args, { identity, signedAgreementsByCustomer }) => signedAgreementsByCustomer.load(currentCustomerId(identity)),

  // Agreement texts are public: a customer reads them before signing in to open an account.
  agreementTemplates: (_parent, { kind }, { prisma, clock }) => findCurrentTemplates(prisma, clock.now(), kind),

  pendingRepaymentOrderClaims: (_parent, { orderKeys }, { prisma }) => {
    return pendingClaims(prisma, orderKeys);
  },
  limitReservations: async (_parent, { orderIds }, { prisma }) => {
    return (await findReservations(prisma, orderIds)).map(reservationView);
  },
  limitReservationsOfDay: async (_parent, { day }, { prisma }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw badInput('日期格式应为 YYYY-MM-DD', ['day']);
    return (await findReservationsOfDay(prisma, day)).map(reservationView);
  },
};
