import type { QueryResolvers } from '../__generated__/resolvers-types';
import { assertRegionCode, findActiveBillers } from '../service/billers';
import { inquireBills } from '../service/bills';
import { listBillAccounts } from '../service/billAccounts';
import { pendingClaims } from '../service/orderEvents';

export const Query: QueryResolvers = {
  // Public catalogue data: any verified caller (signed in or not) may read it.
  billers: (_parent, { category, region }, { prisma }) => {
    if (region !== undefined && region !== null) assertRegionCode(region, ['region']);
    return findActiveBillers(prisma, { category, region });
  },
  bills: (_parent, { billerId, customerNumber }, { identity, prisma, log }) =>
    inquireBills(prisma, identity, billerId, customerNumber, log),
  billAccounts: (_parent, _args, { identity, prisma }) => listBillAccounts(prisma, identity),
  pendingLifeOrderClaims: (_parent, { orderKeys }, { prisma }) => {
    return pendingClaims(prisma, orderKeys);
  },
};
