import type { CustomerLimit, LimitRule, PrismaClient } from '../__generated__/prisma/client';
import type { BankLimitRule, CustomerLimitSetting } from './effectiveLimits';

/** The bank's rules: a few dozen rows of reference data, read whole in one statement per request. */
export async function findBankLimitRules(prisma: PrismaClient): Promise<BankLimitRule[]> {
  const rules: LimitRule[] = await prisma.limitRule.findMany({ orderBy: { id: 'asc' } });
  return rules.map(({ scope, accountClass, channel, period, amount }) => ({ scope, accountClass, channel, period, amount }));
}

/** A customer's own limit as stored: for one channel, or (`ALL`) for every channel at once. */
export type CustomerLimitRow = Pick<CustomerLimit, 'customerId' | 'period' | 'amount'> & { channel: CustomerLimit['channel'] | 'ALL' };

/** The customers' channel limits and all-channel limits, in one statement (a request reads them once). */
export async function findCustomerLimitsOf(prisma: PrismaClient, customerIds: readonly string[]): Promise<CustomerLimitRow[]> {
  const ids = [...customerIds];
  const rows = await prisma.$queryRaw<(Omit<CustomerLimitRow, 'amount'> & { amount: string })[]>`
    SELECT customer_id AS "customerId", channel::text AS channel, period::text AS period, amount::text AS amount FROM customer_limit
     WHERE customer_id = ANY(${ids}::text[])
    UNION ALL
    SELECT customer_id, 'ALL', period::text, amount::text FROM customer_all_channel_limit
     WHERE customer_id = ANY(${ids}::text[])`;
  return rows.map((row) => ({ ...row, amount: BigInt(row.amount) }));
}

export function toCustomerLimitSetting({ channel, period, amount }: CustomerLimitRow): CustomerLimitSetting {
  return { channel, period, amount };
}
