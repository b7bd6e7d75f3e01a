import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createProductContext } from './context';
import { resolvers } from './resolvers';
import { seedProductCenter } from './seed';

export const productCenter = defineCenter({
  name: 'product',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createProductContext,
  seed: seedProductCenter,
});
