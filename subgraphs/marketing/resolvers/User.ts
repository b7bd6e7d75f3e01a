import { assertOwnedBy } from '../../kit/authorization';
import { badInput } from '../../kit/errors';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { inDisplayOrder } from '../service/coupons';
import { MAX_RECOMMENDATIONS, maxRiskLevelFor, recommendProducts } from '../service/recommendations';
import { salesChannelOf } from '../service/channel';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  coupons: async (user, _args, { identity, couponsByOwner, clock, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.coupons');
    return inDisplayOrder(await couponsByOwner.load(user.id), clock.now());
  },
  points: async (user, _args, { identity, pointsByOwner, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.points');
    const account = await pointsByOwner.load(user.id);
    return { balance: account?.balance ?? 0, updatedAt: account?.updatedAt ?? null };
  },
  recommendedProducts: async (user, { first }, { identity, riskProfiles, recommendableCatalogue, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.recommendedProducts');
    const take = first ?? 3;
    if (!Number.isInteger(take) || take < 1 || take > MAX_RECOMMENDATIONS) {
      throw badInput(`first 必须在 1 到 ${MAX_RECOMMENDATIONS} 之间`, ['first']);
    }
    const [profile, catalogue] = await Promise.all([riskProfiles.load(user.id), recommendableCatalogue()]);
    return recommendProducts(catalogue, { maxRisk: maxRiskLevelFor(profile), channel: salesChannelOf(identity), first: take }).map(
      (recommendation) => ({ product: { id: recommendation.productId }, reason: recommendation.reason }),
    );
  },
};
