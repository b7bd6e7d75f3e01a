/**
 * The marketing center's reference data: the help FAQ (service/faqContent.ts), which voice commands
 * fall back to. Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise `version` when
 * an entry is added or changed.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { FAQ_ENTRIES } from './service/faqContent';

export const marketingReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const faq of FAQ_ENTRIES) {
      const { id, ...fields } = faq;
      await prisma.faqEntry.upsert({ where: { id }, update: fields, create: faq });
    }
  },
};
