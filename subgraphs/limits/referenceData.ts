/**
 * The limits center's reference data: the PBOC account-class limits and the bank's channel limits,
 * the agreement templates customers sign, and the credit rule sets loan and card decisions follow.
 * Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise `version` when they change.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { AGREEMENT_TEMPLATES, LIMIT_RULES } from './seed';
import { CREDIT_RULE_SETS } from './seedCredit';

export const limitsReferenceData: ReferenceData<PrismaClient> = {
  version: 3,
  async seed(prisma) {
    for (const rule of LIMIT_RULES) {
      const { id, ...fields } = rule;
      await prisma.limitRule.upsert({ where: { id: id! }, update: fields, create: rule });
    }
    for (const template of AGREEMENT_TEMPLATES) {
      await prisma.agreementTemplate.upsert({
        where: { code_version: { code: template.code, version: template.version } },
        update: template,
        create: template,
      });
    }
    for (const rules of CREDIT_RULE_SETS) {
      await prisma.creditRuleSet.upsert({ where: { version: rules.version }, update: rules, create: rules });
    }
  },
};
