/**
 * The account center's reference data: the bank's own general-ledger accounts, which every money
 * movement posts against. Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise
 * `version` when they change.
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { LEDGER_ACCOUNTS } from './seed';
import { encryptHolderName } from './service/holderName';

export const accountReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const account of LEDGER_ACCOUNTS) {
      const { id, holderName, ...fields } = account;
      // Stored like every holder name (encrypted, bound to the account), so the column holds one form.
      const stored = { ...fields, holderName: null, holderNameCipher: encryptHolderName(id, holderName) };
      await prisma.account.upsert({ where: { id }, update: stored, create: { id, ...stored, kind: 'GENERAL_LEDGER' } });
    }
  },
};
