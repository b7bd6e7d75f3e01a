import { assertOwnedBy } from '../../kit/authorization';
import { readPageRequest, toConnection } from '../../kit/connection';
import { badInput } from '../../kit/errors';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { OrderPosition, findOrderPage, isOrderPosition, positionOf } from '../service/orders';

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
    const page = readPageRequest<OrderPosition>(args);
    if (page.after !== undefined && !isOrderPosition(page.after)) throw badInput('分页游标无效', ['after']);
    const rows = await findOrderPage(prisma, user.id, page);
    return toConnection(rows, page.take, positionOf, (order) => order);
  },
};
