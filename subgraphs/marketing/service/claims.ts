/**
 * Claiming a campaign's coupon. The coupon id is derived from (campaign, customer), so the primary
 * key allows one claim per customer per campaign; the budget is taken by a conditional UPDATE in
 * the same transaction, so concurrent claims never spend past it.
 */
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { ErrorCode, bankError } from '../../../platform/errors';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import type { Campaign, Channel, Coupon, PrismaClient } from '../__generated__/prisma/client';
import { ineligibility } from './eligibility';

const DAY_MS = 24 * 60 * 60 * 1000;

export const claimedCouponId = (campaignId: string, customerId: string) => `claim:${campaignId}:${customerId}`;

const REASONS = {
  NOT_RUNNING: '活动未在进行中',
  CHANNEL: '该渠道不参与此活动',
  SEGMENT: '您不在本活动的参与范围内',
  NO_COUPON: '此活动没有可领取的优惠券',
  BUDGET: '活动优惠券已领完',
};

export async function claimCoupon(
  prisma: PrismaClient,
  campaign: Campaign,
  customer: { id: string; channel?: Channel; segments: readonly string[] },
  now: Date,
): Promise<Coupon> {
  const id = claimedCouponId(campaign.id, customer.id);
  const existing = await prisma.coupon.findUnique({ where: { id } });
  if (existing) return existing;
  const refusal = ineligibility(campaign, customer, now);
  if (refusal) throw bankError(ErrorCode.CampaignNotEligible, REASONS[refusal], { field: ['campaignId'], details: { reason: refusal } });
  const face = campaign.couponFaceValue!;
  try {
    return await prisma.$transaction(async (tx) => {
      const taken = await tx.$executeRaw`
        UPDATE campaign SET spent = spent + ${face} WHERE id = ${campaign.id} AND (budget IS NULL OR spent + ${face} <= budget)`;
      if (taken === 0)
        throw bankError(ErrorCode.CampaignNotEligible, REASONS.BUDGET, { field: ['campaignId'], details: { reason: 'BUDGET' } });
      return tx.coupon.create({
        data: {
          id,
          customerId: customer.id,
          campaignId: campaign.id,
          title: campaign.couponTitle!,
          faceValue: face,
          minimumSpend: campaign.couponMinimumSpend ?? 0n,
          status: 'CLAIMED',
          issuedAt: now,
          expiresAt: new Date(Math.min(now.getTime() + campaign.couponValidDays! * DAY_MS, campaign.endsAt.getTime())),
        },
      });
      // Every claim of a popular campaign queues on its row.
    }, QUEUED_TRANSACTION);
  } catch (error) {
    // A concurrent claim by the same customer won: theirs is the one coupon.
    if (isUniqueViolation(error)) return prisma.coupon.findUniqueOrThrow({ where: { id } });
    throw error;
  }
}
