import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createFinanceContext } from './context';
import { resolvers } from './resolvers';
import { seedFinanceCenter } from './seed';
import { financeWorkers } from './workers';
import { serviceScopes } from './serviceScopes';

export const financeCenter = defineCenter({
  name: 'finance',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createFinanceContext,
  seed: seedFinanceCenter,
  workers: financeWorkers,
});
