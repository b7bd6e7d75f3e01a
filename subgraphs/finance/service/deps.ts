import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/observability/logger';
import type { PrismaClient } from '../__generated__/prisma/client';
import type { AccountCenterClient } from '../../account/client';
import type { AuthCenterClient } from '../../auth/client';
import type { LimitsCenterClient } from '../../limits/client';

/** What the money-movement services need: this center's store, the other centers, time. */
export interface MoneyDeps {
  prisma: PrismaClient;
  account: AccountCenterClient;
  limits: LimitsCenterClient;
  auth: AuthCenterClient;
  clock: Clock;
  log: Logger;
  /** Test seam for crash tests: called after each step of an order is durable. */
  afterStep?: (step: string, orderId: string) => void | Promise<void>;
}

/** How long a worker (request or sweeper) owns an order before recovery may take it over. */
export const LEASE_MS = 30_000;
