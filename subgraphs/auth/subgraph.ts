import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createAuthContext } from './context';
import { resolvers } from './resolvers';
import { seedAuthCenter } from './seed';
import { ensureSigningKey, publishedKeys } from './service/signingKeys';

/** Path of the access-token public keys, read by the gateway. */
export const JWKS_PATH = '/.well-known/jwks.json';

export const authCenter = defineCenter({
  name: 'auth',
  resolvers,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createAuthContext,
  seed: seedAuthCenter,
  prepare: (prisma, clock) => ensureSigningKey(prisma, clock),
  routes: (prisma) => ({
    [JWKS_PATH]: async () => ({ status: 200, body: await publishedKeys(prisma), headers: { 'cache-control': 'public, max-age=300' } }),
  }),
});
