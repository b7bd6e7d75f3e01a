import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { limitsOfCustomer } from '../service/customerLimits';
import { findCreditCardApplications } from '../service/credit/cardApplications';
import { findLoanApplications } from '../service/credit/loanApplications';
import { findLoans } from '../service/credit/loans';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  limits: (user, _args, ctx) => {
    assertOwnedBy(ctx.identity, user.id, ctx.log, 'User.limits');
    return limitsOfCustomer(ctx, user.id);
  },
  agreements: (user, _args, { identity, signedAgreementsByCustomer, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.agreements');
    return signedAgreementsByCustomer.load(user.id);
  },
  loanApplications: (user, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.loanApplications');
    return findLoanApplications({ prisma }, user.id, first ?? 20);
  },
  creditCardApplications: (user, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.creditCardApplications');
    return findCreditCardApplications({ prisma }, user.id, first ?? 20);
  },
  loans: (user, _args, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.loans');
    return findLoans(prisma, user.id);
  },
};
