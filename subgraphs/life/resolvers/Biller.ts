import { notFound } from '../../../platform/errors';
import type { BillerResolvers } from '../__generated__/resolvers-types';

export const Biller: BillerResolvers = {
  // Catalogue data, not a customer's: no ownership check.
  __resolveReference: async (reference, { billersById }) => {
    const biller = await billersById.load(reference.id);
    if (!biller) throw notFound('缴费单位不存在');
    return biller;
  },
};
