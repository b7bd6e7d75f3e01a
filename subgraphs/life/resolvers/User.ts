import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { findBillPayments } from '../service/billPayments';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  billPayments: (user, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.billPayments');
    return findBillPayments(prisma, user.id, first ?? 20);
  },
};
