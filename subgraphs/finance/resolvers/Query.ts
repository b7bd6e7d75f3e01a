import { assertOwnedBy } from '../../kit/authorization';
import { notFound } from '../../kit/errors';
import { isChannel } from '../../kit/identity';
import { money } from '../../kit/money';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { receiptOf } from '../service/receipt';

export const Query: QueryResolvers = {
  transferReceipt: async (_parent, { orderId }, { identity, ordersById, log }) => {
    const order = await ordersById.load(orderId);
    if (!order) throw notFound('订单不存在');
    assertOwnedBy(identity, order.ownerId, log, 'TransferReceipt');
    // A receipt certifies money that moved: only completed transfers have one.
    if (order.kind !== 'TRANSFER' || order.status !== 'COMPLETED') return null;
    const receipt = receiptOf(order);
    return { ...receipt, amount: money(receipt.amountFen), channel: isChannel(receipt.channel) ? receipt.channel : null };
  },
};
