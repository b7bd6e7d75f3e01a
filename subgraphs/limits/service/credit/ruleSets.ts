/** The credit rule version in force: the latest of its kind already effective. */
import { bankError, ErrorCode } from '../../../../platform/errors';
import type { CreditKind, Prisma, PrismaClient } from '../../__generated__/prisma/client';
import type { CardRuleParams, LoanRuleParams } from './creditRules';

type Db = PrismaClient | Prisma.TransactionClient;

export interface RuleSetInForce<Params> {
  version: string;
  params: Params;
}

async function ruleSetInForce(db: Db, kind: CreditKind, now: Date): Promise<RuleSetInForce<unknown>> {
  const row = await db.creditRuleSet.findFirst({ where: { kind, effectiveAt: { lte: now } }, orderBy: { effectiveAt: 'desc' } });
  // No rules means no automated decision: an operations fault, not the customer's.
  if (!row) throw bankError(ErrorCode.InternalServerError, '授信审批规则未配置');
  return { version: row.version, params: row.params };
}

export const loanRulesInForce = (db: Db, now: Date) => ruleSetInForce(db, 'LOAN', now) as Promise<RuleSetInForce<LoanRuleParams>>;
export const cardRulesInForce = (db: Db, now: Date) => ruleSetInForce(db, 'CREDIT_CARD', now) as Promise<RuleSetInForce<CardRuleParams>>;
