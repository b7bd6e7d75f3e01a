/**
 * A customer's consent to behavior analytics: collected events (page views, clicks, product views) are
 * personal information, so the bank collects a signed-in customer's only while they have said yes. The
 * current choice sits on the customer row, where the marketing center's check reads it; every change
 * is also kept as its own row, the bank's record of what the customer chose, when and where.
 */
import { unauthenticated } from '../../../platform/errors';
import type { Customer, PrismaClient } from '../__generated__/prisma/client';

export interface BehaviorConsentState {
  granted: boolean;
  changedAt: Date | null;
}

export function behaviorConsentOf(customer: Pick<Customer, 'behaviorConsent' | 'behaviorConsentChangedAt'>): BehaviorConsentState {
  return { granted: customer.behaviorConsent, changedAt: customer.behaviorConsentChangedAt };
}

/**
 * Sets the consent and records the change in one transaction. The update only matches a row holding
 * the other value, so two concurrent requests for the same value record one change, and a repeat
 * records none and answers the value as it stands.
 */
export async function setBehaviorConsent(
  prisma: PrismaClient,
  customer: { customerId: string; channel: string },
  granted: boolean,
  now: Date,
): Promise<BehaviorConsentState> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.customer.updateMany({
      where: { id: customer.customerId, behaviorConsent: !granted },
      data: { behaviorConsent: granted, behaviorConsentChangedAt: now },
    });
    if (changed.count === 1) {
      await tx.behaviorConsentChange.create({
        data: { customerId: customer.customerId, granted, channel: customer.channel, changedAt: now },
      });
    }
    const row = await tx.customer.findUnique({
      where: { id: customer.customerId },
      select: { behaviorConsent: true, behaviorConsentChangedAt: true },
    });
    if (!row) throw unauthenticated();
    return behaviorConsentOf(row);
  });
}

/** What the marketing center asks before it stores a signed-in customer's events; false for an unknown customer. */
export async function hasBehaviorConsent(prisma: PrismaClient, customerId: string): Promise<boolean> {
  const row = await prisma.customer.findUnique({ where: { id: customerId }, select: { behaviorConsent: true } });
  return row?.behaviorConsent ?? false;
}
