import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { config } from '../../platform/config';
import { createLogger } from '../../platform/observability/logger';
import { PrismaClient } from './__generated__/prisma/client';
import { createAuthContext } from './context';
import { resolvers } from './resolvers';
import { openAuthRuntime } from './runtime';
import { prepareAuthCenter, seedAuthCenter } from './seed';
import { sweepExpiredRows } from './service/expiredRows';
import { JWKS_CACHE_SECONDS } from './service/keyRing';
import { maintainSigningKeys, publishedKeys } from './service/signingKeys';
import { serviceScopes } from './serviceScopes';

/** Path of the access-token public keys, read by the gateway. */
export const JWKS_PATH = '/.well-known/jwks.json';

export const authCenter = defineCenter({
  name: 'auth',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl, options) => {
    const store = createPrismaClient(PrismaClient, databaseUrl);
    const runtime = openAuthRuntime(store.client, databaseUrl, createLogger('auth-center'), options?.development ?? config().development);
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
  routes: (prisma, clock) => ({
    [JWKS_PATH]: async () => ({
      status: 200,
      body: await publishedKeys(prisma, clock),
      headers: { 'cache-control': `public, max-age=${JWKS_CACHE_SECONDS}` },
    }),
  }),
  workers: (prisma, clock) => [
    // Publishes the next signing key ahead of a scheduled rotation and withdraws keys whose tokens have all expired.
    { name: 'signing-keys', intervalMs: 60_000, runOnce: () => maintainSigningKeys(prisma, clock) },
    { name: 'expired-rows', intervalMs: 10 * 60_000, runOnce: () => sweepExpiredRows(prisma, clock) },
  ],
});
