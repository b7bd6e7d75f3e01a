/**
 * The user center's reference data: every published version of the risk-tolerance questionnaire.
 * Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise `version` when a
 * questionnaire version is added.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { RISK_QUESTIONNAIRES } from './service/riskQuestionnaireContent';

export const userReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const questionnaire of RISK_QUESTIONNAIRES) {
      // A published version is never edited: the upsert only creates what is missing.
      await prisma.riskQuestionnaire.upsert({
        where: { version: questionnaire.version },
        update: {},
        create: {
          version: questionnaire.version,
          title: questionnaire.title,
          effectiveAt: questionnaire.effectiveAt,
          questions: questionnaire.questions as unknown as object[],
          gradeBands: questionnaire.gradeBands as unknown as object[],
        },
      });
    }
  },
};
