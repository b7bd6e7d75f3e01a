/**
 * The marketing center's reference data: the help FAQ (service/faqContent.ts), which voice commands
 * fall back to, and the points reward catalogue (service/rewardCatalogue.ts; a re-seed never resets the
 * stock left, which redemptions own). Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise `version` when
 * an entry is added or changed.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { FAQ_ENTRIES } from './service/faqContent';
import { REWARDS } from './service/rewardCatalogue';

export const marketingReferenceData: ReferenceData<PrismaClient> = {
  version: 2,
  async seed(prisma) {
    for (const faq of FAQ_ENTRIES) {
      const { id, ...fields } = faq;
      await prisma.faqEntry.upsert({ where: { id }, update: fields, create: faq });
    }
    for (const reward of REWARDS) {
      const { id, stock, ...fields } = reward;
      await prisma.reward.upsert({ where: { id }, update: fields, create: { id, stock, ...fields } });
    }
  },
};
