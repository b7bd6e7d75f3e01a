/**
 * Campaign eligibility: published, running now, on the customer's channel, for one of the
 * customer's segments (or everyone), with budget left for the coupon.
 */
import type { Campaign, Channel } from '../__generated__/prisma/client';

export type Ineligibility = 'NOT_RUNNING' | 'CHANNEL' | 'SEGMENT' | 'NO_COUPON' | 'BUDGET';

export function ineligibility(
  campaign: Campaign,
  customer: { channel?: Channel; segments: readonly string[] },
  now: Date,
): Ineligibility | null {
  if (campaign.status !== 'PUBLISHED' || campaign.startsAt > now || campaign.endsAt <= now) return 'NOT_RUNNING';
  if (customer.channel && !campaign.channels.includes(customer.channel)) return 'CHANNEL';
  if (campaign.segments.length > 0 && !campaign.segments.some((segment) => customer.segments.includes(segment))) return 'SEGMENT';
  if (!campaign.couponTitle || !campaign.couponFaceValue || campaign.couponValidDays === null) return 'NO_COUPON';
  if (campaign.budget !== null && campaign.spent + campaign.couponFaceValue > campaign.budget) return 'BUDGET';
  return null;
}

export async function findSegments(prisma: import('../__generated__/prisma/client').PrismaClient, customerId: string): Promise<string[]> {
  return (await prisma.customerSegment.findMany({ where: { customerId } })).map((row) => row.segment);
}
