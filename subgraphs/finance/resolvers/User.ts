import { assertOwnedBy } from '../../kit/authorization';
import { readPageRequest, toConnection } from '../../kit/connection';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { findOrderPage, isOrderPosition, positionOf } from '../service/orders';
import { findTimeDeposits } from '../service/timeDeposits';
import { findHoldings } from '../service/wealthSubscriptions';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  payees: (user, _args, { identity, payeesByOwner, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.payees');
    return payeesByOwner.load(user.id);
  },
  orders: async (user, args, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.orders');
    const page = readPageRequest(args, isOrderPosition);
    const rows = await findOrderPage(prisma, user.id, page);
    return toConnection(rows, page.take, positionOf, (order) => order);
  },
  holdings: (user, _args, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.holdings');
    return findHoldings({ prisma }, user.id);
  },
  timeDeposits: (user, _args, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.timeDeposits');
    return findTimeDeposits({ prisma }, user.id);
  },
};
