import type { Campaign, Channel, PrismaClient } from '../__generated__/prisma/client';

export type CampaignRecord = Campaign;

export function findCampaigns(prisma: PrismaClient, ids: readonly string[]): Promise<Campaign[]> {
  return prisma.campaign.findMany({ where: { id: { in: [...ids] } } });
}

/** Published campaigns running at `now` ([startsAt, endsAt)), on `channel` when given; ending soonest first. */
export function findActiveCampaigns(prisma: PrismaClient, now: Date, channel?: Channel): Promise<Campaign[]> {
  return prisma.campaign.findMany({
    where: {
      status: 'PUBLISHED',
      startsAt: { lte: now },
      endsAt: { gt: now },
      ...(channel ? { channels: { has: channel } } : {}),
    },
    orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
  });
}
