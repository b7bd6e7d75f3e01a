import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createUserContext } from './context';
import { resolvers } from './resolvers';
import { userReferenceData } from './referenceData';
import { seedUserCenter } from './seed';
import { serviceScopes } from './serviceScopes';

export const userCenter = defineCenter({
  name: 'user',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createUserContext,
  referenceData: userReferenceData,
  seed: seedUserCenter,
});
