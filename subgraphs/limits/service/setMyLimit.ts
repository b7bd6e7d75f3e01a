/**
 * A customer sets their own transfer limit (SINGLE or DAILY) for one channel, or for every channel at
 * once (`channel` null: ALL). Each channel's effective limit is the lowest of the bank's rule, the
 * customer's limit for that channel and the customer's all-channel limit (`effectiveLimits.ts`), so
 * a limit lowered for all channels cannot be undone by signing in on another channel.
 *
 * Lowering works anywhere, at once. Raising — a value above the one it replaces (the customer's own
 * value; for a channel with none, the bank's rule) — needs a step-up: without a token the answer is
 * STEP_UP_REQUIRED, with `extensions.purpose` LIMIT_CHANGE and the context to start the challenge
 * with (auth's `startChallenge`, then `verifyChallenge`); the token is consumed by auth's
 * `consumeChallengeToken`, bound by `limitChangeActionHash` to the channel (or ALL), the period and
 * the amount, so a token for another change is refused (CHALLENGE_FAILED) and nothing changes.
 */
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { limitChangeActionHash } from '../../kit/actionHash';
import { fenToDecimal } from '../../kit/money';
import type { PrismaClient } from '../__generated__/prisma/client';
import type { ChallengeTokenClient } from '../../auth/client';
import { EffectiveLimit, LimitChannel, LimitPeriodName, channelLimitsOf } from './effectiveLimits';
import { findBankLimitRules, findCustomerLimitsOf } from './limitRules';

export interface SetMyLimitDeps {
  prisma: PrismaClient;
  auth: ChallengeTokenClient;
}

export interface SetMyLimitInput {
  customerId: string;
  /** Null: every channel at once. */
  channel: LimitChannel | null;
  period: LimitPeriodName;
  amount: bigint;
  challengeToken?: string | null;
}

export async function setMyLimit(deps: SetMyLimitDeps, input: SetMyLimitInput): Promise<EffectiveLimit> {
  if (input.period !== 'SINGLE' && input.period !== 'DAILY') throw badInput('只能调整单笔或日累计限额', ['period']);
  const scope = input.channel ?? 'ALL';
  const replaced = await replacedValue(deps.prisma, input.customerId, scope, input.period);
  if (replaced !== null && input.amount > replaced) await requireStepUp(deps, input, scope);

  if (input.channel) {
    await deps.prisma.customerLimit.upsert({
      where: { customerId_channel_period: { customerId: input.customerId, channel: input.channel, period: input.period } },
      create: { customerId: input.customerId, channel: input.channel, period: input.period, amount: input.amount },
      update: { amount: input.amount },
    });
  } else {
    await deps.prisma.customerAllChannelLimit.upsert({
      where: { customerId_period: { customerId: input.customerId, period: input.period } },
      create: { customerId: input.customerId, period: input.period, amount: input.amount },
      update: { amount: input.amount },
    });
  }
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

/**
 * The value a new setting replaces: the customer's own for that channel (or ALL); for a channel
 * without one, the bank's rule. Null when nothing caps it yet (no all-channel limit, or a period the
 * bank leaves open): any value only adds a cap.
 */
async function replacedValue(prisma: PrismaClient, customerId: string, scope: LimitChannel | 'ALL', period: LimitPeriodName) {
  const own = (await findCustomerLimitsOf(prisma, [customerId])).find((limit) => limit.channel === scope && limit.period === period);
  if (own) return own.amount;
  if (scope === 'ALL') return null;
  const rules = await findBankLimitRules(prisma);
  return channelLimitsOf(scope, rules, []).find((limit) => limit.period === period)?.amountFen ?? null;
}

async function requireStepUp(deps: SetMyLimitDeps, input: SetMyLimitInput, scope: LimitChannel | 'ALL'): Promise<void> {
  const context = { limitChannel: scope, limitPeriod: input.period, amount: fenToDecimal(input.amount) };
  if (!input.challengeToken) {
    throw bankError(ErrorCode.StepUpRequired, '提高限额需要进行身份验证', {
      field: ['amount'],
      details: { purpose: 'LIMIT_CHANGE', context },
    });
  }
  const actionHash = limitChangeActionHash({ channel: scope, period: input.period, amountFen: input.amount });
  const passed = await deps.auth.consumeChallengeToken(input.customerId, input.challengeToken, 'LIMIT_CHANGE', actionHash);
  if (!passed) throw bankError(ErrorCode.ChallengeFailed, '安全验证未通过或已失效，请重新验证', { field: ['challengeToken'] });
}
