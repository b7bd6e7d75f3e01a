import { money } from '../../kit/money';
import type { BillResolvers } from '../__generated__/resolvers-types';

export const Bill: BillResolvers = {
  biller: async (bill, _args, { billersById }) => (await billersById.load(bill.billerId))!,
  amount: (bill) => money(bill.amount),
  dueDate: (bill) => bill.dueDate.toISOString().slice(0, 10),
  holderName: (bill) => bill.holderNameMasked,
};
