import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createLimitsContext } from './context';
import { resolvers } from './resolvers';
import { limitsReferenceData } from './referenceData';
import { seedLimitsCenter } from './seed';
import { limitsWorkers } from './workers';
import { serviceScopes } from './serviceScopes';

export const limitsCenter = defineCenter({
  name: 'limits',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: (base, prisma) => createLimitsContext(base, prisma),
  referenceData: limitsReferenceData,
  seed: seedLimitsCenter,
  workers: limitsWorkers,
});
