import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { config } from '../../platform/config';
import { PHOTO_UPLOAD_MAX_BODY } from '../../platform/http/server';
import { createLogger } from '../../platform/observability/logger';
import { PrismaClient } from './__generated__/prisma/client';
import { createUserContext } from './context';
import { resolvers } from './resolvers';
import { userReferenceData } from './referenceData';
import { openUserRuntime } from './runtime';
import { seedUserCenter } from './seed';
import { serviceScopes } from './serviceScopes';
import { warmUpVerificationModels } from './service/verification/warmUp';
import { userWorkers } from './workers';

export const userCenter = defineCenter({
  name: 'user',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl, options) => {
    const store = createPrismaClient(PrismaClient, databaseUrl);
    openUserRuntime(store.client, createLogger('user-center'), options?.development ?? config().development);
    return store;
  },
  createContext: createUserContext,
  referenceData: userReferenceData,
  seed: seedUserCenter,
  // Outside tests the verification models load in the background at start, so the first customer does not wait for
  // them (about 2 s); tests load them on the first verification that needs them (most test platforms never do).
  prepare: async (_store, _clock, log) => {
    if (config().mode !== 'test') warmUpVerificationModels(log);
  },
  // Real-name verification uploads two ID-card photos as base64 in one request.
  maxBodyBytes: PHOTO_UPLOAD_MAX_BODY,
  workers: userWorkers,
});
