import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { limitsOfCustomer } from '../service/customerLimits';

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
};
