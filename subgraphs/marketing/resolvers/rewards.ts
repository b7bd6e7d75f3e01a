import { currentCustomerId } from '../../kit/authorization';
import { ErrorCode, bankError } from '../../../platform/errors';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { listRewards, redeemPoints } from '../service/rewards';

export const rewardQueries: Pick<QueryResolvers, 'rewards'> = {
  rewards: (_parent, _args, { prisma }) => listRewards(prisma),
};

export const rewardMutations: Pick<MutationResolvers, 'redeemPoints'> = {
  // The customer spends their own points from a channel; a service spends through spendPoints.
  redeemPoints: (_parent, { rewardId, idempotencyKey }, { identity, prisma, clock }) => {
    if (identity.kind !== 'gateway') throw bankError(ErrorCode.Forbidden, '仅限渠道调用');
    return redeemPoints(prisma, { customerId: currentCustomerId(identity), rewardId, idempotencyKey, now: clock.now() });
  },
};
