/** The user center's background workers, run by startCenter (and driven by hand in tests). */
import type { Clock } from '../../platform/clock';
import type { CenterWorker } from '../kit/workers/centerWorker';
import type { PrismaClient } from './__generated__/prisma/client';
import { deleteExpiredVerificationImages, verificationImageRetentionDays } from './service/verificationRetention';

export function userWorkers(prisma: PrismaClient, clock: Clock): CenterWorker[] {
  const retentionDays = verificationImageRetentionDays();
  return [
    {
      name: 'verification-image-retention',
      intervalMs: 60 * 60_000,
      runOnce: () => deleteExpiredVerificationImages(prisma, clock, retentionDays),
    },
  ];
}
