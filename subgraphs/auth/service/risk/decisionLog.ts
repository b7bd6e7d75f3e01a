/**
 * Stored risk decisions as staff read them (operations console): counts per day, rule and outcome,
 * and the decisions themselves, newest first, with personal data masked.
 */
import { BANK_TIME_ZONE } from '../../../../platform/businessDay';
import { isNewestFirstPosition, newestFirstPosition, NewestFirstPosition, Page } from '../../../kit/connection';
import { money, Money } from '../../../kit/money';
import type { PrismaClient, RiskDecision } from '../../__generated__/prisma/client';
import { maskAccountNumber } from '../../../kit/fieldCipher';
import { maskClientAddress } from '../maskPersonalData';
import type { RiskActionName } from './engine';
import type { RiskOutcomeName } from './rules';

export interface DecisionWindow {
  start: Date;
  end: Date;
  channel?: string;
  action?: RiskActionName;
}

export interface RiskDecisionCountRow {
  day: string;
  rule: string | null;
  outcome: RiskOutcomeName;
  decisions: number;
}

/**
 * One grouped statement over the (created_at) index: a decision counts under each of its reasons,
 * or once under a null rule when no rule fired. Days are the bank's (Asia/Shanghai).
 */
export function countDecisionsByRule(prisma: PrismaClient, window: DecisionWindow): Promise<RiskDecisionCountRow[]> {
  return prisma.$queryRaw<RiskDecisionCountRow[]>`
    SELECT to_char((d.created_at AT TIME ZONE ${BANK_TIME_ZONE})::date, 'YYYY-MM-DD') AS day,
           fired.rule,
           d.outcome,
           count(*)::int AS decisions
      FROM risk_decision d
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(d.reasons) = 0 THEN ARRAY[NULL]::text[] ELSE d.reasons END) AS fired(rule)
     WHERE d.created_at >= ${window.start} AND d.created_at < ${window.end}
       AND (${window.channel ?? null}::text IS NULL OR d.channel = ${window.channel ?? null}::text)
       AND (${window.action ?? null}::text IS NULL OR d.action = ${window.action ?? null}::text)
     GROUP BY 1, 2, 3
     ORDER BY 1, 2 NULLS FIRST, 3`;
}

export interface DecisionListFilter extends DecisionWindow {
  outcome?: RiskOutcomeName;
  rule?: string;
}

/** Decision ids are UUIDs (or other short ids written by tools). */
export const isDecisionPosition = isNewestFirstPosition(/^[A-Za-z0-9-]{1,64}$/);

/** One page (`take + 1` rows) of the decisions the filter selects, newest first. */
export function findDecisionPage(
  prisma: PrismaClient,
  filter: DecisionListFilter,
  page: Page<NewestFirstPosition>,
): Promise<RiskDecision[]> {
  const after = page.after;
  return prisma.riskDecision.findMany({
    where: {
      createdAt: { gte: filter.start, lt: filter.end },
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.rule ? { reasons: { has: filter.rule } } : {}),
      ...(after ? { OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export const decisionPosition = (decision: RiskDecision) => newestFirstPosition(decision.createdAt, decision.id);

export interface RiskDecisionEntryRecord {
  id: string;
  at: Date;
  customerId: string;
  action: RiskActionName;
  channel: string;
  outcome: RiskOutcomeName;
  reasons: string[];
  ruleVersion: number;
  amount: Money | null;
  payeeAccount: string | null;
  payeeIsNew: boolean | null;
  deviceTrusted: boolean | null;
  clientAddress: string | null;
}

interface StoredInputs {
  payeeAccountNumber?: unknown;
  payeeIsNew?: unknown;
  clientAddress?: unknown;
  facts?: { deviceTrusted?: unknown };
}

const stringOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const booleanOrNull = (value: unknown) => (typeof value === 'boolean' ? value : null);

/** A stored decision as staff see it: the inputs' personal data masked, the rest left out. */
export function decisionEntry(decision: RiskDecision): RiskDecisionEntryRecord {
  const inputs = (decision.inputs ?? {}) as StoredInputs;
  const payeeAccount = stringOrNull(inputs.payeeAccountNumber);
  const clientAddress = stringOrNull(inputs.clientAddress);
  return {
    id: decision.id,
    at: decision.createdAt,
    customerId: decision.userId,
    action: decision.action as RiskActionName,
    channel: decision.channel,
    outcome: decision.outcome as RiskOutcomeName,
    reasons: decision.reasons,
    ruleVersion: decision.ruleVersion,
    amount: decision.amountFen === null ? null : money(decision.amountFen),
    payeeAccount: payeeAccount && maskAccountNumber(payeeAccount),
    payeeIsNew: booleanOrNull(inputs.payeeIsNew),
    deviceTrusted: booleanOrNull(inputs.facts?.deviceTrusted),
    clientAddress: clientAddress && maskClientAddress(clientAddress),
  };
}
