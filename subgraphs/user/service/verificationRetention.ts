/**
 * Retention of real-name verification images (SECURITY.md, "Real-name verification data"). The ID-card photos and
 * the reading of a verification that did not verify the customer (abandoned, expired, failed, refused) are deleted
 * VERIFICATION_IMAGE_RETENTION_DAYS (default 30) after the card was read; the row stays, without them, as the audit
 * record of the attempt (status, attempts, face distance, register answer). A VERIFIED verification's photos and
 * reading are the customer's identification record and are kept (at least five years after the business
 * relationship ends: not this job's to decide). Selfies are never stored, so there is nothing of them to delete.
 */
import type { Clock } from '../../../platform/clock';
import { config } from '../../../platform/config';
import type { PrismaClient } from '../__generated__/prisma/client';

export const DEFAULT_VERIFICATION_IMAGE_RETENTION_DAYS = 30;
/** Rows cleared per pass (each holds up to two photos of 1.5 MB; another pass follows at once). */
const BATCH = 50;

export function verificationImageRetentionDays(env?: NodeJS.ProcessEnv): number {
  return config(env).settings.VERIFICATION_IMAGE_RETENTION_DAYS ?? DEFAULT_VERIFICATION_IMAGE_RETENTION_DAYS;
}

/** One pass: clears the photos and reading of unverified verifications older than the retention; answers how many. */
export async function deleteExpiredVerificationImages(prisma: PrismaClient, clock: Clock, retentionDays: number): Promise<number> {
  const now = clock.now();
  const before = new Date(now.getTime() - retentionDays * 24 * 60 * 60_000);
  const due = await prisma.realNameVerification.findMany({
    where: { status: { not: 'VERIFIED' }, imagesDeletedAt: null, createdAt: { lt: before } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: BATCH,
  });
  if (due.length === 0) return 0;
  // Re-checked in the update: a verification that became VERIFIED meanwhile keeps its photos.
  const cleared = await prisma.realNameVerification.updateMany({
    where: { id: { in: due.map((row) => row.id) }, status: { not: 'VERIFIED' }, imagesDeletedAt: null },
    data: { portraitCipher: null, emblemCipher: null, readingCipher: null, imagesDeletedAt: now },
  });
  return cleared.count;
}
