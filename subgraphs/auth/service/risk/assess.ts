/**
 * A risk assessment: gathers the facts (history, device trust, velocity, address), evaluates the
 * current rule set and stores the decision with its inputs, reasons and rule version.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kit/clock';
import type { PrismaClient } from '../../__generated__/prisma/client';
import type { CounterStore } from '../counters';
import { evaluateRules, RiskActionName, shanghaiHour } from './engine';
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

export async function assessRisk(deps: RiskDeps, request: RiskRequest): Promise<StoredRiskDecision> {
  const { prisma, clock } = deps;
  const now = clock.now();
  const money = request.action !== 'LOGIN';
  const [ruleSet, device, history, attemptsThisHour, sessions, credential] = await Promise.all([
    deps.rules.current(),
    request.deviceId
      ? prisma.device.findUnique({ where: { userId_deviceId: { userId: request.userId, deviceId: request.deviceId } }, select: { trusted: true } })
      : null,
    money
      ? prisma.riskDecision.findMany({
          where: { userId: request.userId, action: { not: 'LOGIN' }, outcome: { not: 'DENY' }, amountFen: { not: null } },
          orderBy: { createdAt: 'desc' },
          take: HISTORY_SIZE,
          select: { amountFen: true },
        })
      : [],
    deps.counters.increment(`risk:${request.action === 'LOGIN' ? 'login' : 'money'}:${request.userId}`, 3600, now.getTime()),
    request.action === 'LOGIN'
      ? prisma.session.findMany({ where: { userId: request.userId }, orderBy: { createdAt: 'desc' }, take: 1, select: { clientAddress: true } })
      : [],
    prisma.credential.findUnique({ where: { userId: request.userId }, select: { pinHash: true } }),
  ]);
  const amounts = history.map((row) => row.amountFen!);
  const historyAverageFen = amounts.length ? amounts.reduce((sum, amount) => sum + amount, 0n) / BigInt(amounts.length) : undefined;
  const lastAddress = sessions[0]?.clientAddress;
  const facts = {
    action: request.action,
    channel: request.channel,
    amountFen: request.amountFen,
    payeeIsNew: request.payeeIsNew,
    deviceTrusted: device?.trusted === true,
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
      inputs: { ...request, amountFen: request.amountFen?.toString(), facts: { ...facts, amountFen: undefined, historyAverageFen: historyAverageFen?.toString() } },
      outcome,
      reasons,
      ruleVersion: ruleSet.version,
      amountFen: request.amountFen,
      createdAt: now,
    },
  });
  // The transaction PIN is the default step-up for money movement; SMS always works.
  const challengeMethods: StoredRiskDecision['challengeMethods'] = outcome === 'CHALLENGE' ? (credential?.pinHash ? ['TRANSACTION_PIN', 'SMS'] : ['SMS']) : [];
  return { decisionId, outcome, reasons, challengeMethods, ruleVersion: ruleSet.version };
}
