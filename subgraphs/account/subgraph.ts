import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createAccountContext } from './context';
import { resolvers } from './resolvers';
import { seedAccountCenter } from './seed';

export const accountCenter = defineCenter({
  name: 'account',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createAccountContext,
  seed: seedAccountCenter,
});
