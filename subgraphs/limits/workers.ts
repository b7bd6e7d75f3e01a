/** The limits center's background workers, run by startCenter (and driven by hand in tests). */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import type { CenterWorker } from '../kit/workers/centerWorker';
import type { PrismaClient } from './__generated__/prisma/client';
import { createAccountCenterClient } from './clients/account';
import { createFinanceCenterClient } from '../finance/client';
import { createProductCenterClient } from './clients/product';
import { createCustomerIdentityClient } from './clients/user';
import type { CreditDeps } from './service/credit/deps';
import { finishStuckDisbursements } from './service/credit/disbursementWorker';

export function limitsWorkers(prisma: PrismaClient, clock: Clock, log: Logger): CenterWorker[] {
  const deps: CreditDeps = {
    prisma,
    products: createProductCenterClient(clock),
    identities: createCustomerIdentityClient(clock),
    finance: createFinanceCenterClient('limits', clock),
    accounts: createAccountCenterClient(clock),
    clock,
    log,
  };
  return [{ name: 'loan-disbursement', intervalMs: 10_000, runOnce: () => finishStuckDisbursements(deps) }];
}
