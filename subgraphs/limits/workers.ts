/** The limits center's background workers, run by startCenter (and driven by hand in tests). */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import type { CenterWorker } from '../kit/workers/centerWorker';
import type { PrismaClient } from './__generated__/prisma/client';
import { createAccountCenterClient } from '../account/client';
import { createFinanceCenterClient } from '../finance/client';
import { createProductCenterClient } from '../product/client';
import { createUserCenterClient } from '../user/client';
import type { CreditDeps } from './service/credit/deps';
import { finishStuckDisbursements } from './service/credit/disbursementWorker';
import type { ServerMetrics } from '../../platform/observability/metrics';
import { orderEventBusWorkers } from '../kit/orderEventBus/consumer';
import { limitsOrderEvents } from './orderEventConsumer';

export function limitsWorkers(prisma: PrismaClient, clock: Clock, log: Logger, metrics: ServerMetrics): CenterWorker[] {
  const deps: CreditDeps = {
    prisma,
    products: createProductCenterClient('limits', clock),
    identities: createUserCenterClient('limits', clock),
    finance: createFinanceCenterClient('limits', clock),
    accounts: createAccountCenterClient('limits', clock),
    clock,
    log,
  };
  return [
    { name: 'loan-disbursement', intervalMs: 10_000, runOnce: () => finishStuckDisbursements(deps) },
    // Order events from the bus when NATS_URL is set (else finance's relay calls applyRepaymentOrderEvent).
    ...orderEventBusWorkers(limitsOrderEvents(prisma, clock, log), log, metrics),
  ];
}
