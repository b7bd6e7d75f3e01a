/**
 * The rule evaluation itself: facts in, outcome and reasons out. Pure and synchronous, so it is
 * fast and tested without a database. The strictest triggered rule wins (DENY > CHALLENGE > ALLOW).
 */
import type { RiskOutcomeName, RuleDefinition } from './rules';

export type RiskActionName = 'TRANSFER' | 'PURCHASE' | 'BILL_PAYMENT' | 'LOGIN' | 'TOP_UP' | 'LOAN_REPAYMENT';

export interface RiskFacts {
  action: RiskActionName;
  channel: string;
  amountFen?: bigint;
  payeeIsNew?: boolean;
  /** Whether the device is one of the customer's trusted devices. */
  deviceTrusted: boolean;
  /** Average and count of the customer's recent money-movement amounts. */
  historyAverageFen?: bigint;
  historyCount: number;
  /** Attempts of this customer in the current hour, this one included. */
  attemptsThisHour: number;
  /** Hour of day on the Asia/Shanghai clock. */
  localHour: number;
  addressChanged: boolean;
}

export interface RiskEvaluation {
  outcome: RiskOutcomeName;
  reasons: string[];
}

const SEVERITY: Record<RiskOutcomeName, number> = { ALLOW: 0, CHALLENGE: 1, DENY: 2 };
const fen = (value: string | undefined) => BigInt(value ?? '0');
const int = (value: string | undefined) => Number.parseInt(value ?? '0', 10);

/** Whether a rule fires for these facts. */
function fires(rule: RuleDefinition, facts: RiskFacts): boolean {
  const money = facts.action !== 'LOGIN';
  const amount = facts.amountFen ?? 0n;
  const p = rule.params;
  switch (rule.code) {
    case 'LARGE_AMOUNT':
      return money && amount >= fen(p.minimumAmountFen);
    case 'NEW_PAYEE':
      return facts.action === 'TRANSFER' && facts.payeeIsNew === true;
    case 'UNTRUSTED_DEVICE':
      return money && !facts.deviceTrusted;
    case 'AMOUNT_ABOVE_HISTORY':
      return (
        money &&
        facts.historyAverageFen !== undefined &&
        facts.historyCount >= int(p.minimumHistory) &&
        amount > facts.historyAverageFen * BigInt(int(p.multiple))
      );
    case 'VELOCITY':
    case 'VELOCITY_EXTREME':
      // Money movement only: sign-in abuse is met by the lockout and the per-address/device failure
      // counters, and counting successful sign-ins would lock out a customer's own app.
      return money && facts.attemptsThisHour > int(p.maximumPerHour);
    case 'NIGHT_HOURS': {
      const inWindow = facts.localHour >= int(p.fromHour) && facts.localHour < int(p.toHour);
      return money && inWindow && amount >= fen(p.minimumAmountFen);
    }
    case 'MINI_PROGRAM_AMOUNT':
      return money && (p.channels ?? '').split(',').includes(facts.channel) && amount >= fen(p.minimumAmountFen);
    case 'CHANGED_ADDRESS':
      // A device the customer has not marked trusted, signing in from a new address.
      return facts.action === 'LOGIN' && facts.addressChanged && !facts.deviceTrusted;
    default:
      return false;
  }
}

export function evaluateRules(rules: readonly RuleDefinition[], facts: RiskFacts): RiskEvaluation {
  let outcome: RiskOutcomeName = 'ALLOW';
  const reasons: string[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !fires(rule, facts)) continue;
    reasons.push(rule.code);
    if (SEVERITY[rule.outcome] > SEVERITY[outcome]) outcome = rule.outcome;
  }
  return { outcome, reasons };
}
