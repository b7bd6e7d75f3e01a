import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createProductContext } from './context';
import { resolvers } from './resolvers';
import { productReferenceData } from './referenceData';
import { seedProductCenter } from './seed';
import { serviceScopes } from './serviceScopes';

export const productCenter = defineCenter({
  name: 'product',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createProductContext,
  referenceData: productReferenceData,
  seed: seedProductCenter,
});
