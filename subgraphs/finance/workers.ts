/** The finance center's background workers, run by startCenter (and driven by hand in tests). */
import type { Clock } from '../kit/clock';
import type { Logger } from '../kit/logger';
import type { CenterWorker } from '../kit/workers/centerWorker';
import type { PrismaClient } from './__generated__/prisma/client';
import { defaultEventSubscribers } from './clients/events';
import { createMoneyDeps } from './context';
import { runClearing } from './service/clearing';
import { relayOutbox } from './service/outboxRelay';
import { sweepStuckOrders } from './service/recovery';

export function financeWorkers(prisma: PrismaClient, clock: Clock, log: Logger): CenterWorker[] {
  const deps = createMoneyDeps(prisma, { clock, log });
  return [
    { name: 'recovery', intervalMs: 5_000, runOnce: async () => (await sweepStuckOrders(deps)).leased },
    {
      name: 'clearing',
      intervalMs: 1_000,
      runOnce: async () => {
        const outcomes = await runClearing(deps);
        return outcomes.SETTLED + outcomes.RETURNED + outcomes.SKIPPED;
      },
    },
    { name: 'outbox', intervalMs: 500, runOnce: async () => (await relayOutbox({ prisma, clock, log, subscribers: defaultEventSubscribers(clock) })).delivered },
  ];
}
