/**
 * The account center's reference data: the bank's own general-ledger accounts, which every money
 * movement posts against. Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise
 * `version` when they change.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { LEDGER_ACCOUNTS } from './seed';

export const accountReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const account of LEDGER_ACCOUNTS) {
      const { id, ...fields } = account;
      await prisma.account.upsert({ where: { id }, update: fields, create: { ...account, kind: 'GENERAL_LEDGER' } });
    }
  },
};
