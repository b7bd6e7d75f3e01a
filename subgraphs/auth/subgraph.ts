import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { createLogger } from '../../platform/observability/logger';
import { PrismaClient } from './__generated__/prisma/client';
import { createAuthContext } from './context';
import { resolvers } from './resolvers';
import { openAuthRuntime } from './runtime';
import { prepareAuthCenter, seedAuthCenter } from './seed';
import { publishedKeys } from './service/signingKeys';

/** Path of the access-token public keys, read by the gateway. */
export const JWKS_PATH = '/.well-known/jwks.json';

export const authCenter = defineCenter({
  name: 'auth',
  resolvers,
  openStore: (databaseUrl) => {
    const store = createPrismaClient(PrismaClient, databaseUrl);
    const runtime = openAuthRuntime(store.client, databaseUrl, createLogger('auth-center'));
    // The runtime (Redis connections) lives exactly as long as the store.
    const disconnect = store.client.$disconnect.bind(store.client);
    store.client.$disconnect = async () => {
      await runtime.close();
      await disconnect();
    };
    return store;
  },
  createContext: createAuthContext,
  seed: seedAuthCenter,
  prepare: prepareAuthCenter,
  routes: (prisma) => ({
    [JWKS_PATH]: async () => ({ status: 200, body: await publishedKeys(prisma), headers: { 'cache-control': 'public, max-age=300' } }),
  }),
});
