import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { findBillPayments } from '../service/billPayments';
import { findTopUps } from '../service/topUps';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  billPayments: (user, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.billPayments');
    return findBillPayments(prisma, user.id, first ?? 20);
  },
  topUps: (user, { first }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.topUps');
    return findTopUps({ prisma }, user.id, first ?? 20);
  },
};
