import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createAccountContext } from './context';
import { resolvers } from './resolvers';
import { accountReferenceData } from './referenceData';
import { seedAccountCenter } from './seed';
import { serviceScopes } from './serviceScopes';
import { orderEventBusWorkers } from '../kit/orderEventBus/consumer';
import { accountOrderEvents } from './orderEventConsumer';

export const accountCenter = defineCenter({
  name: 'account',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createAccountContext,
  referenceData: accountReferenceData,
  seed: seedAccountCenter,
  // Order events from the bus when NATS_URL is set (else finance's relay calls applyOrderEvent).
  workers: (prisma, clock, log, metrics) => orderEventBusWorkers(accountOrderEvents(prisma, clock), log, metrics),
});
