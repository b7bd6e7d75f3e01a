/**
 * A risk assessment: gathers the facts (history, device trust, velocity, address), evaluates the
 * current rule set and stores the decision with its inputs, reasons and rule version.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../platform/clock';
import type { PrismaClient } from '../../__generated__/prisma/client';
import type { CounterStore } from '../counters';
import { shanghaiHour } from '../../../../platform/businessDay';
import { evaluateRules, RiskActionName } from './engine';
import type { RiskOutcomeName, RuleSetCache } from './rules';

export interface RiskRequest {
  userId: string;
  action: RiskActionName;
  channel: string;
  amountFen?: bigint;
  sourceAccountId?: string;
  payeeAccountNumber?: string;
  payeeIsNew?: boolean;
  deviceId?: string;
  clientAddress?: string;
}

export interface StoredRiskDecision {
  decisionId: string;
  outcome: RiskOutcomeName;
  reasons: string[];
  challengeMethods: ('TRANSACTION_PIN' | 'SMS')[];
  ruleVersion: number;
}

export interface RiskDeps {
  prisma: PrismaClient;
  counters: CounterStore;
  rules: RuleSetCache;
  clock: Clock;
}

const HISTORY_SIZE = 20;
/** The money-movement actions whose amounts make a customer's history (LOGIN carries none). */
const MONEY_ACTIONS = ['TRANSFER', 'PURCHASE', 'BILL_PAYMENT', 'TOP_UP', 'LOAN_REPAYMENT'] as const satisfies readonly RiskActionName[];
/** Fails to compile when a new money action is added to RiskActionName but not to MONEY_ACTIONS. */
const everyMoneyActionListed: Exclude<RiskActionName, 'LOGIN' | (typeof MONEY_ACTIONS)[number]> extends never ? true : never = true;
void everyMoneyActionListed;

/** Everything a decision reads from this center's store, in one row. */
interface StoredFacts {
  rule_version: number | null;
  device_trusted: boolean | null;
  has_pin: boolean | null;
  history: string[];
  last_address: string | null;
}

/**
 * ONE statement gathers the stored facts: the current rule-set version (so a change made in any
 * auth process shows in the very next decision), the device's trust, whether a transaction PIN is
 * set, the last amounts of money movement and, for a sign-in, the last session's address. The
 * history is read newest first per action from the (user, action, created_at) index, so its cost
 * does not grow with the customer's number of decisions.
 */
function readStoredFacts(prisma: PrismaClient, request: RiskRequest): Promise<StoredFacts[]> {
  const money = request.action !== 'LOGIN';
  return prisma.$queryRaw<StoredFacts[]>`
    SELECT
      (SELECT max(version) FROM risk_rule)::int AS rule_version,
      (SELECT trusted FROM device WHERE user_id = ${request.userId} AND device_id = ${request.deviceId ?? null}::text) AS device_trusted,
      (SELECT pin_hash IS NOT NULL FROM credential WHERE user_id = ${request.userId}) AS has_pin,
      ARRAY(
        SELECT recent.amount_fen::text
          FROM unnest(${[...MONEY_ACTIONS]}::text[]) AS money(action)
          CROSS JOIN LATERAL (
            SELECT d.amount_fen, d.created_at FROM risk_decision d
             WHERE ${money}::boolean AND d.user_id = ${request.userId} AND d.action = money.action
               AND d.outcome <> 'DENY' AND d.amount_fen IS NOT NULL
             ORDER BY d.created_at DESC LIMIT ${HISTORY_SIZE}) recent
         ORDER BY recent.created_at DESC LIMIT ${HISTORY_SIZE}) AS history,
      (SELECT client_address FROM session WHERE ${!money}::boolean AND user_id = ${request.userId} ORDER BY created_at DESC LIMIT 1) AS last_address`;
}

export async function assessRisk(deps: RiskDeps, request: RiskRequest): Promise<StoredRiskDecision> {
  const { prisma, clock } = deps;
  const now = clock.now();
  const [[stored], attemptsThisHour] = await Promise.all([
    readStoredFacts(prisma, request),
    deps.counters.increment(`risk:${request.action === 'LOGIN' ? 'login' : 'money'}:${request.userId}`, 3600, now.getTime()),
  ]);
  const ruleSet = await deps.rules.atVersion(stored!.rule_version ?? 0);
  const amounts = stored!.history.map((amount) => BigInt(amount));
  const historyAverageFen = amounts.length ? amounts.reduce((sum, amount) => sum + amount, 0n) / BigInt(amounts.length) : undefined;
  const lastAddress = stored!.last_address;
  const facts = {
    action: request.action,
    channel: request.channel,
    amountFen: request.amountFen,
    payeeIsNew: request.payeeIsNew,
    deviceTrusted: stored!.device_trusted === true,
    historyAverageFen,
    historyCount: amounts.length,
    attemptsThisHour,
    localHour: shanghaiHour(now),
    addressChanged: Boolean(request.clientAddress && lastAddress && lastAddress !== request.clientAddress),
  };
  const { outcome, reasons } = evaluateRules(ruleSet.rules, facts);
  const decisionId = randomUUID();
  await prisma.riskDecision.create({
    data: {
      id: decisionId,
      userId: request.userId,
      action: request.action,
      inputs: {
        ...request,
        amountFen: request.amountFen?.toString(),
        facts: { ...facts, amountFen: undefined, historyAverageFen: historyAverageFen?.toString() },
      },
      outcome,
      reasons,
      ruleVersion: ruleSet.version,
      amountFen: request.amountFen,
      channel: request.channel,
      createdAt: now,
    },
  });
  // The transaction PIN is the default step-up for money movement; SMS always works.
  const challengeMethods: StoredRiskDecision['challengeMethods'] =
    outcome === 'CHALLENGE' ? (stored!.has_pin ? ['TRANSACTION_PIN', 'SMS'] : ['SMS']) : [];
  return { decisionId, outcome, reasons, challengeMethods, ruleVersion: ruleSet.version };
}
