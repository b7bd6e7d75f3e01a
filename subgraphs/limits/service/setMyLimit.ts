/**
 * A customer may lower a channel limit for themself; raising one (above the limit in force) needs a
 * step-up and is refused here. Lowering below the bank's rule is always allowed, down to 0.00.
 */
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import type { PrismaClient } from '../__generated__/prisma/client';
import { EffectiveLimit, LimitChannel, LimitPeriodName, channelLimitsOf } from './effectiveLimits';
import { findBankLimitRules, findCustomerLimitsOf, toCustomerLimitSetting } from './limitRules';

export async function setMyLimit(
  prisma: PrismaClient,
  input: { customerId: string; channel: LimitChannel; period: LimitPeriodName; amount: bigint },
): Promise<EffectiveLimit> {
  if (input.period !== 'SINGLE' && input.period !== 'DAILY') throw badInput('只能调整单笔或日累计限额', ['period']);
  const [rules, own] = await Promise.all([findBankLimitRules(prisma), findCustomerLimitsOf(prisma, [input.customerId])]);
  const current = channelLimitsOf(input.channel, rules, own.map(toCustomerLimitSetting)).find((limit) => limit.period === input.period);
  if (current && input.amount > current.amountFen) {
    throw bankError(ErrorCode.StepUpRequired, '提高限额需要进行身份验证', { field: ['amount'] });
  }
  await prisma.customerLimit.upsert({
    where: { customerId_channel_period: { customerId: input.customerId, channel: input.channel, period: input.period } },
    create: { customerId: input.customerId, channel: input.channel, period: input.period, amount: input.amount },
    update: { amount: input.amount },
  });
  return {
    scope: 'CUSTOMER',
    accountClass: null,
    accountId: null,
    channel: input.channel,
    period: input.period,
    amountFen: input.amount,
    source: 'CUSTOMER',
  };
}
