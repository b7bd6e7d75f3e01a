import { actingCustomerOf, assertOwnedBy, requireStaffRole } from '../../kit/authorization';
import { badInput, notFound } from '../../../platform/errors';
import { money, parseAmountToFen } from '../../kit/money';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { receiptOf } from '../service/receipt';
import { receiptKeysOf } from '../service/receiptKeys';
import { verifyReceiptSignature } from '../service/receiptSignature';
import { reconcileDay } from '../service/reconciliation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const Query: QueryResolvers = {
  // Internal: only a service credential with finance:payees:read reaches it, for the customer it acts for.
  customerPayees: (_parent, _args, { identity, payeesByOwner }) => payeesByOwner.load(actingCustomerOf(identity)),

  transferReceipt: async (_parent, { orderId }, { identity, ordersById, prisma, clock, log }) => {
    const order = await ordersById.load(orderId);
    if (!order) throw notFound('订单不存在');
    assertOwnedBy(identity, order.ownerId, log, 'TransferReceipt');
    // A receipt certifies money that moved: only completed transfers have one.
    if (order.kind !== 'TRANSFER' || order.status !== 'COMPLETED') return null;
    const receipt = await receiptOf(order, receiptKeysOf(prisma, clock));
    return { ...receipt, amount: money(receipt.amountFen) };
  },

  verifyReceipt: (_parent, { receipt }, { prisma, clock }) => {
    const { amount, signature, ...shown } = receipt;
    const fields = {
      ...shown,
      amountFen: parseAmountToFen(amount, ['receipt', 'amount'], { allowZero: true }),
      memo: shown.memo ?? null,
      channel: shown.channel ?? null,
      completedAt: shown.completedAt ?? null,
    };
    return verifyReceiptSignature(receiptKeysOf(prisma, clock), fields, signature);
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
