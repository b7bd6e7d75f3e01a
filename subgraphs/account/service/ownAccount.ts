/**
 * The signed-in customer's own account for a self-service action (full number, loss report, unfreezing): an unknown
 * account and another customer's get the same NOT_FOUND, so neither tells whether the other exists; asking for
 * another customer's is audit-logged.
 */
import { notFound } from '../../../platform/errors';
import type { Logger } from '../../../platform/observability/logger';
import type { Account, PrismaClient } from '../__generated__/prisma/client';

export interface SelfServiceCustomer {
  customerId: string;
  channel: string;
}

export async function findOwnAccount(
  deps: { prisma: PrismaClient; log: Logger },
  customer: SelfServiceCustomer,
  accountId: string,
  action: string,
): Promise<Account> {
  const account = await deps.prisma.account.findFirst({ where: { id: accountId, kind: 'CUSTOMER' } });
  if (account && account.ownerId === customer.customerId) return account;
  if (account) {
    deps.log.warn(
      { event: { action: 'access-denied', category: 'authorization' }, customerId: customer.customerId, resource: 'Account', action },
      "self-service on another customer's account refused",
    );
  }
  throw notFound('账户不存在');
}
