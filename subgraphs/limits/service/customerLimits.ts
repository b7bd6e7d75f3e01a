/**
 * Assembles one customer's effective limits from the per-request loaders: the rules (one
 * statement), the customer's own limits, and the account classes the account center reports.
 */
import type { LimitsContext } from '../context';
import { EffectiveLimit, LimitChannel, effectiveLimits, isLimitChannel } from './effectiveLimits';
import { toCustomerLimitSetting } from './limitRules';

export async function limitsOfCustomer(ctx: LimitsContext, customerId: string): Promise<EffectiveLimit[]> {
  const [rules, customerLimits, accounts] = await Promise.all([
    ctx.bankLimitRules(),
    ctx.customerLimitsByCustomer.load(customerId),
    ctx.accountClassesByCustomer.load(customerId),
  ]);
  return effectiveLimits({
    rules,
    customerLimits: customerLimits.map(toCustomerLimitSetting),
    accounts,
    channel: callingChannel(ctx),
  });
}

/** The channel a customer calls from; a service credential (no channel) sees every channel. */
function callingChannel({ identity }: LimitsContext): LimitChannel | null {
  if (identity.kind !== 'gateway') return null;
  return isLimitChannel(identity.channel) ? identity.channel : null;
}
