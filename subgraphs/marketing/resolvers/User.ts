import { assertOwnedBy } from '../../kit/authorization';
import { badInput } from '../../../platform/errors';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { isNewestFirstPosition, newestFirstPosition, readPageRequest, toConnection } from '../../kit/connection';
import { inDisplayOrder } from '../service/coupons';
import { MESSAGE_ID, findMessagePage } from '../service/messages';
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
  recommendedProducts: async (user, { first }, { identity, riskProfiles, recommendationCandidates, activeCampaigns, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.recommendedProducts');
    const take = first ?? 3;
    if (!Number.isInteger(take) || take < 1 || take > MAX_RECOMMENDATIONS) {
      throw badInput(`first 必须在 1 到 ${MAX_RECOMMENDATIONS} 之间`, ['first']);
    }
    const channel = salesChannelOf(identity);
    const [profile, { catalogue, viewsByKind }, campaigns] = await Promise.all([
      riskProfiles.load(user.id),
      recommendationCandidates.load(user.id),
      activeCampaigns(channel),
    ]);
    return recommendProducts(catalogue, { maxRisk: maxRiskLevelFor(profile), channel, first: take, viewsByKind, campaigns }).map(
      (recommendation) => ({ product: { id: recommendation.productId }, reason: recommendation.reason }),
    );
  },
  messages: async (user, { first, after }, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.messages');
    const page = readPageRequest({ first, after }, isNewestFirstPosition(MESSAGE_ID));
    const rows = await findMessagePage(prisma, user.id, page);
    return toConnection(
      rows,
      page.take,
      (message) => newestFirstPosition(message.createdAt, message.id),
      (message) => message,
    );
  },
  unreadMessageCount: (user, _args, { identity, prisma, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.unreadMessageCount');
    return prisma.message.count({ where: { customerId: user.id, readAt: null } });
  },
};
