import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createUserContext } from './context';
import { resolvers } from './resolvers';
import { seedUserCenter } from './seed';

export const userCenter = defineCenter({
  name: 'user',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createUserContext,
  seed: seedUserCenter,
});
