import { currentCustomerId, requireServiceScope } from '../../kit/authorization';
import { findReservations } from '../service/reservations';
import { reservationView } from './Mutation';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { findCurrentTemplates } from '../service/agreements';
import { limitsOfCustomer } from '../service/customerLimits';

export const Query: QueryResolvers = {
  limits: (_parent, _args, ctx) => limitsOfCustomer(ctx, currentCustomerId(ctx.identity)),

  agreements: (_parent, _args, { identity, signedAgreementsByCustomer }) =>
    signedAgreementsByCustomer.load(currentCustomerId(identity)),

  // Agreement texts are public: a customer reads them before signing in to open an account.
  agreementTemplates: (_parent, { kind }, { prisma, clock }) => findCurrentTemplates(prisma, clock.now(), kind),

  limitReservations: async (_parent, { orderIds }, { identity, prisma }) => {
    requireServiceScope(identity, 'limits:read');
    return (await findReservations(prisma, orderIds)).map(reservationView);
  },
};
