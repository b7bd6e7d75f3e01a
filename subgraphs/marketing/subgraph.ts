import { defineCenter } from '../kit/server/center';
import { config } from '../../platform/config';
import { createPrismaClient } from '../kit/database/prismaClient';
import { PrismaClient } from './__generated__/prisma/client';
import { createMarketingContext } from './context';
import { marketingReferenceData } from './referenceData';
import { resolvers } from './resolvers';
import { seedMarketingCenter } from './seed';
import { serviceScopes } from './serviceScopes';
import { orderEventBusWorkers } from '../kit/orderEventBus/consumer';
import { marketingOrderEvents } from './orderEventConsumer';
import { warmUpSegmentation } from './service/voice/segmentation';

export const marketingCenter = defineCenter({
  name: 'marketing',
  resolvers,
  serviceScopes,
  openStore: (databaseUrl) => createPrismaClient(PrismaClient, databaseUrl),
  createContext: (base, prisma) => createMarketingContext(base, prisma),
  referenceData: marketingReferenceData,
  seed: seedMarketingCenter,
  // Order events from the bus when NATS_URL is set (else finance's relay calls recordOrderEvent and releaseCoupon).
  workers: (prisma, clock, log, metrics) => orderEventBusWorkers(marketingOrderEvents(prisma, clock, log), log, metrics),
  // Outside tests jieba's dictionary loads at start (0.2–0.6 s), so the first voice command does not wait for it.
  prepare: async () => {
    if (config().mode !== 'test') warmUpSegmentation();
  },
});
