import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createLimitsContext } from './context';
import { resolvers } from './resolvers';
import { seedLimitsCenter } from './seed';
import { limitsWorkers } from './workers';

export const limitsCenter = defineCenter({
  name: 'limits',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: (base, prisma) => createLimitsContext(base, prisma),
  seed: seedLimitsCenter,
  workers: limitsWorkers,
});
