import { money } from '../../kit/money';
import type { BillPaymentResolvers } from '../__generated__/resolvers-types';

export const BillPayment: BillPaymentResolvers = {
  bill: (payment, _args, { prisma }) => prisma.bill.findUniqueOrThrow({ where: { id: payment.billId } }),
  amount: (payment) => money(payment.amount),
};
