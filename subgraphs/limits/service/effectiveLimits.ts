/**
 * The limits a customer is held to: the bank's rules per PBOC account class and per channel,
 * with any channel limit the customer lowered applied. Pure: no database, no GraphQL, so the
 * same computation serves the `limits` queries and, later, reservations.
 */

export type AccountClassName = 'I' | 'II' | 'III';
export type LimitChannel = 'WEB' | 'MOBILE_APP' | 'WECHAT_MINI' | 'WECHAT_BANKING' | 'ALIPAY_MINI';
export type LimitPeriodName = 'SINGLE' | 'DAILY' | 'YEARLY' | 'BALANCE';
export type LimitScopeName = 'ACCOUNT_CLASS' | 'CHANNEL' | 'CUSTOMER';

export const LIMIT_CHANNELS: readonly LimitChannel[] = ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'];

export function isLimitChannel(value: string): value is LimitChannel {
  return (LIMIT_CHANNELS as readonly string[]).includes(value);
}

/**
 * A bank rule as stored (`LimitRule`): a class rule (what a class II/III account pays out), a class
 * inflow rule (what it receives from outside its bound account; enforced on reservations only) or a
 * channel rule.
 */
export interface BankLimitRule {
  scope: LimitScopeName | 'CLASS_INFLOW';
  accountClass: AccountClassName | null;
  channel: LimitChannel | null;
  period: LimitPeriodName;
  /** Fen. */
  amount: bigint;
}

/** A limit the customer lowered (`CustomerLimit`), or set for every channel at once (`ALL`). */
export interface CustomerLimitSetting {
  channel: LimitChannel | 'ALL';
  period: LimitPeriodName;
  /** Fen. */
  amount: bigint;
}

/** One of the customer's accounts, as the account center reports it. */
export interface AccountClassHolding {
  accountId: string;
  accountClass: AccountClassName;
  boundAccountId: string | null;
}

export interface EffectiveLimit {
  scope: LimitScopeName;
  accountClass: AccountClassName | null;
  accountId: string | null;
  channel: LimitChannel | null;
  period: LimitPeriodName;
  /** Fen. */
  amountFen: bigint;
  source: 'BANK' | 'CUSTOMER';
}

export interface EffectiveLimitsInput {
  rules: readonly BankLimitRule[];
  customerLimits: readonly CustomerLimitSetting[];
  accounts: readonly AccountClassHolding[];
  /** The calling channel; null (a service or staff view) lists every channel. */
  channel: LimitChannel | null;
}

const PERIOD_ORDER: Record<LimitPeriodName, number> = { SINGLE: 1, DAILY: 2, YEARLY: 3, BALANCE: 4 };
const byPeriod = (a: { period: LimitPeriodName }, b: { period: LimitPeriodName }) => PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period];

/**
 * Channel limits first (calling channel, or all in channel order), then the class limits of each
 * class II/III account in the order the account center listed them.
 */
export function effectiveLimits(input: EffectiveLimitsInput): EffectiveLimit[] {
  const channels = input.channel ? [input.channel] : LIMIT_CHANNELS;
  const channelLimits = channels.flatMap((channel) => channelLimitsOf(channel, input.rules, input.customerLimits));
  const classLimits = restrictedAccounts(input.accounts).flatMap((account) =>
    input.rules
      .filter((rule) => rule.scope === 'ACCOUNT_CLASS' && rule.accountClass === account.accountClass)
      .sort(byPeriod)
      .map((rule): EffectiveLimit => ({
        scope: 'ACCOUNT_CLASS',
        accountClass: account.accountClass,
        accountId: account.accountId,
        channel: null,
        period: rule.period,
        amountFen: rule.amount,
        source: 'BANK',
      })),
  );
  return [...channelLimits, ...classLimits];
}

/**
 * A channel's limits per period: the lowest of the bank's rule, the customer's limit for this
 * channel and the customer's limit for every channel (`ALL`). A customer value at or above the
 * bank's never raises it (the bank's stays); a customer limit on a period the bank leaves open still
 * applies.
 */
export function channelLimitsOf(
  channel: LimitChannel,
  rules: readonly BankLimitRule[],
  customerLimits: readonly CustomerLimitSetting[],
): EffectiveLimit[] {
  const periods = new Map<LimitPeriodName, EffectiveLimit>();
  for (const rule of rules) {
    if (rule.scope !== 'CHANNEL' || rule.channel !== channel) continue;
    periods.set(rule.period, {
      scope: 'CHANNEL',
      accountClass: null,
      accountId: null,
      channel,
      period: rule.period,
      amountFen: rule.amount,
      source: 'BANK',
    });
  }
  for (const own of customerLimits) {
    if (own.channel !== channel && own.channel !== 'ALL') continue;
    const lowest = periods.get(own.period);
    if (lowest && lowest.amountFen <= own.amount) continue;
    periods.set(own.period, {
      scope: 'CUSTOMER',
      accountClass: null,
      accountId: null,
      channel,
      period: own.period,
      amountFen: own.amount,
      source: 'CUSTOMER',
    });
  }
  return [...periods.values()].sort(byPeriod);
}

/** Class II/III accounts only: class I carries no class limit. */
export function restrictedAccounts(accounts: readonly AccountClassHolding[]): AccountClassHolding[] {
  return accounts.filter((account) => account.accountClass !== 'I');
}
