import type { BillAccountResolvers } from '../__generated__/resolvers-types';

export const BillAccount: BillAccountResolvers = {
  biller: async (account, _args, { billersById }) => (await billersById.load(account.billerId))!,
};
