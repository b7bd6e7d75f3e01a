import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createMarketingContext } from './context';
import { marketingReferenceData } from './referenceData';
import { resolvers } from './resolvers';
import { seedMarketingCenter } from './seed';
import { serviceScopes } from './serviceScopes';

export const marketingCenter = defineCenter({
  name: 'marketing',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: (base, prisma) => createMarketingContext(base, prisma),
  referenceData: marketingReferenceData,
  seed: seedMarketingCenter,
});
