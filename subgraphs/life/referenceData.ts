/**
 * The life center's reference data: the biller catalogue. Seeded in every mode
 * (subgraphs/kit/database/referenceData.ts); raise `version` when it changes.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { DEMO_BILLERS } from './seed';

export const lifeReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const biller of DEMO_BILLERS) {
      const { id, ...fields } = biller;
      await prisma.biller.upsert({ where: { id: id! }, update: fields, create: biller });
    }
  },
};
