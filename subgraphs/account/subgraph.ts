import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createAccountContext } from './context';
import { resolvers } from './resolvers';
import { accountReferenceData } from './referenceData';
import { seedAccountCenter } from './seed';
import { serviceScopes } from './serviceScopes';

export const accountCenter = defineCenter({
  name: 'account',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createAccountContext,
  referenceData: accountReferenceData,
  seed: seedAccountCenter,
});
