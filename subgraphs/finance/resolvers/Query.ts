import { assertOwnedBy, requireStaffRole } from '../../kit/authorization';
import { badInput, notFound } from '../../../platform/errors';
import { isChannel } from '../../../platform/identity/identity';
import { money } from '../../kit/money';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { receiptOf } from '../service/receipt';
import { reconcileDay } from '../service/reconciliation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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

  reconciliationReport: async (_parent, { day }, { identity, money: deps, log }) => {
    const staff = requireStaffRole(identity, 'OPERATOR');
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw badInput('日期格式应为 YYYY-MM-DD', ['day']);
    const report = await reconcileDay(deps, day);
    log.info(
      { event: { action: 'reconciliation', category: 'audit' }, staff: staff.userId, day, mismatches: report.mismatches.length },
      'reconciliation report read',
    );
    return { ...report, clean: report.mismatches.length === 0 };
  },
};
