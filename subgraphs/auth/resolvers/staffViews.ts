/**
 * What staff read on the operations console from this center: risk decisions (counts by rule, and
 * the decisions), the audit log and the risk-rule changes. Each checks the staff role first.
 */
import { readPageRequest, toConnection } from '../../kit/connection';
import { dayRangeWindow, parseDayRange } from '../../kit/days';
import { badInput } from '../../../platform/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { AUDIT_ACTIONS, AuditAction } from '../service/audit';
import { auditEventRecord, auditPosition, findAuditPage, findRuleChangePage, isAuditPosition, ruleChangeRecord } from '../service/auditLog';
import { countDecisionsByRule, decisionEntry, decisionPosition, findDecisionPage, isDecisionPosition } from '../service/risk/decisionLog';
import { requireAnyStaffRole } from './staffRoles';

const RISK_READERS = ['RISK_ANALYST', 'ADMIN'] as const;
const RULE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

export const riskDecisionStats: NonNullable<QueryResolvers['riskDecisionStats']> = (_parent, args, { identity, prisma }) => {
  requireAnyStaffRole(identity, RISK_READERS);
  const window = dayRangeWindow(parseDayRange(args.from, args.to));
  return countDecisionsByRule(prisma, { ...window, channel: args.channel ?? undefined, action: args.action ?? undefined });
};

export const riskDecisions: NonNullable<QueryResolvers['riskDecisions']> = async (_parent, { filter, ...args }, { identity, prisma }) => {
  requireAnyStaffRole(identity, RISK_READERS);
  const window = dayRangeWindow(parseDayRange(filter.from, filter.to, ['filter']));
  if (filter.rule != null && !RULE_CODE.test(filter.rule)) throw badInput('规则代码格式不正确', ['filter', 'rule']);
  const page = readPageRequest(args, isDecisionPosition);
  const rows = await findDecisionPage(
    prisma,
    {
      ...window,
      channel: filter.channel ?? undefined,
      action: filter.action ?? undefined,
      outcome: filter.outcome ?? undefined,
      rule: filter.rule ?? undefined,
    },
    page,
  );
  return toConnection(rows, page.take, decisionPosition, decisionEntry);
};

export const auditEvents: NonNullable<QueryResolvers['auditEvents']> = async (_parent, { filter, ...args }, { identity, prisma }) => {
  requireAnyStaffRole(identity, ['ADMIN']);
  const window = dayRangeWindow(parseDayRange(filter.from, filter.to, ['filter']));
  if (filter.action != null && !isAuditAction(filter.action)) throw badInput('没有这种审计事件', ['filter', 'action']);
  if (filter.userId != null && !/^[A-Za-z0-9_-]{1,64}$/.test(filter.userId)) throw badInput('用户标识格式不正确', ['filter', 'userId']);
  const page = readPageRequest(args, isAuditPosition);
  const rows = await findAuditPage(
    prisma,
    {
      ...window,
      action: filter.action ?? undefined,
      outcome: filter.outcome === 'SUCCESS' ? 'success' : filter.outcome === 'FAILURE' ? 'failure' : undefined,
      channel: filter.channel ?? undefined,
      userId: filter.userId ?? undefined,
    },
    page,
  );
  return toConnection(rows, page.take, auditPosition, auditEventRecord);
};

export const riskRuleChanges: NonNullable<QueryResolvers['riskRuleChanges']> = async (_parent, args, { identity, prisma }) => {
  requireAnyStaffRole(identity, RISK_READERS);
  const page = readPageRequest(args, isAuditPosition);
  const rows = await findRuleChangePage(prisma, page);
  return toConnection(rows, page.take, auditPosition, ruleChangeRecord);
};
