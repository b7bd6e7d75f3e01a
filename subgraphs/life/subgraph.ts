import { defineCenter } from '../kit/server/center';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createLifeContext } from './context';
import { resolvers } from './resolvers';
import { lifeReferenceData } from './referenceData';
import { seedLifeCenter } from './seed';
import { serviceScopes } from './serviceScopes';
import { orderEventBusWorkers } from '../kit/orderEventBus/consumer';
import { lifeOrderEvents } from './orderEventConsumer';

export const lifeCenter = defineCenter({
  name: 'life',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: createLifeContext,
  referenceData: lifeReferenceData,
  seed: seedLifeCenter,
  // Order events from the bus when NATS_URL is set (else finance's relay calls applyLifeOrderEvent).
  workers: (prisma, clock, log, metrics) => orderEventBusWorkers(lifeOrderEvents(prisma, clock, log), log, metrics),
});
