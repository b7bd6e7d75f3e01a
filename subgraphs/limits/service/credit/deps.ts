import type { Clock } from '../../../../platform/clock';
import type { Logger } from '../../../../platform/observability/logger';
import type { PrismaClient } from '../../__generated__/prisma/client';
import type { AccountCenterClient } from '../../../account/client';
import type { FinanceCenterClient } from '../../../finance/client';
import type { ProductCenterClient } from '../../../product/client';
import type { UserCenterClient } from '../../../user/client';

/** What applications and repayments need: this store, the centers they ask, time, a logger. */
export interface CreditDeps {
  prisma: PrismaClient;
  /** A loan or credit-card product's terms. */
  products: Pick<ProductCenterClient, 'creditProduct'>;
  /** Whether the customer's identity is verified. */
  identities: Pick<UserCenterClient, 'kycLevel'>;
  finance: FinanceCenterClient;
  /** The customer's accounts and their classes (where a loan may be paid out). */
  accounts: Pick<AccountCenterClient, 'customerAccountClasses'>;
  clock: Clock;
  log: Logger;
}
