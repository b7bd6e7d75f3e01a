import { assertOwnedBy } from '../../kit/authorization';
import { notFound } from '../../../platform/errors';
import { isChannel } from '../../../platform/identity/identity';
import { money } from '../../kit/money';
import type { OrderResolvers } from '../__generated__/resolvers-types';

export const Order: OrderResolvers = {
  __resolveReference: async (reference, { identity, ordersById, log }) => {
    const order = await ordersById.load(reference.id);
    if (!order) throw notFound('订单不存在');
    assertOwnedBy(identity, order.ownerId, log, 'Order');
    return order;
  },
  amount: (order) => money(order.amount),
  destination: (order) => order.destinationMasked,
  channel: (order) => (isChannel(order.channel) ? order.channel : null),
};
