import type { CustomerLimit, LimitRule, PrismaClient } from '../__generated__/prisma/client';
import type { BankLimitRule, CustomerLimitSetting } from './effectiveLimits';

/** The bank's rules: a few dozen rows of reference data, read whole in one statement per request. */
export async function findBankLimitRules(prisma: PrismaClient): Promise<BankLimitRule[]> {
  const rules: LimitRule[] = await prisma.limitRule.findMany({ orderBy: { id: 'asc' } });
  return rules.map(({ scope, accountClass, channel, period, amount }) => ({ scope, accountClass, channel, period, amount }));
}

export function findCustomerLimitsOf(prisma: PrismaClient, customerIds: readonly string[]): Promise<CustomerLimit[]> {
  return prisma.customerLimit.findMany({ where: { customerId: { in: [...customerIds] } } });
}

export function toCustomerLimitSetting({ channel, period, amount }: CustomerLimit): CustomerLimitSetting {
  return { channel, period, amount };
}
