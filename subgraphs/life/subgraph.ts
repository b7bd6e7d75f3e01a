import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createLifeContext } from './context';
import { resolvers } from './resolvers';
import { seedLifeCenter } from './seed';

export const lifeCenter = defineCenter({
  name: 'life',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createLifeContext,
  seed: seedLifeCenter,
});
