/**
 * The product center's reference data: the catalogue (`DEMO_PRODUCTS`, whose fixed ids other
 * centers refer to). Seeded in every mode (subgraphs/kit/database/referenceData.ts); raise
 * `version` when it changes. The products' price history is demo data (seed.ts).
 */
import type { ReferenceData } from '../kit/server/center';
import type { PrismaClient } from './__generated__/prisma/client';
import { DEMO_PRODUCTS } from './seed';

export const productReferenceData: ReferenceData<PrismaClient> = {
  version: 1,
  async seed(prisma) {
    for (const product of DEMO_PRODUCTS) {
      const { id, ...fields } = product;
      await prisma.product.upsert({ where: { id }, update: fields, create: product });
    }
  },
};
