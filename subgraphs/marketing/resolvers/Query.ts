import type { QueryResolvers } from '../__generated__/resolvers-types';
import { findActiveCampaigns } from '../service/campaigns';
import { salesChannelOf } from '../service/channel';

export const Query: QueryResolvers = {
  // Campaigns are public: no sign-in needed to see what runs on a channel.
  campaigns: (_parent, { channel }, { identity, clock, prisma }) =>
    findActiveCampaigns(prisma, clock.now(), channel ?? salesChannelOf(identity)),
};
