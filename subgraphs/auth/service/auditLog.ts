/**
 * The audit log as staff read it: events newest first, filtered by day range, action, outcome,
 * channel and person, personal data masked; and the risk-rule changes it holds, typed.
 */
import { isNewestFirstPosition, newestFirstPosition, NewestFirstPosition, Page } from '../../kit/connection';
import type { AuditEvent, PrismaClient } from '../__generated__/prisma/client';
import type { AuditAction } from './audit';
import { maskPersonalFields } from './maskPersonalData';
import type { RuleDefinition } from './risk/rules';

/** Audit event ids are UUIDs. */
export const isAuditPosition = isNewestFirstPosition(/^[A-Za-z0-9-]{1,64}$/);

export const auditPosition = (event: AuditEvent) => newestFirstPosition(event.at, event.id);

export interface AuditFilter {
  start: Date;
  end: Date;
  action?: AuditAction;
  outcome?: 'success' | 'failure';
  channel?: string;
  userId?: string;
}

/** One page (`take + 1` rows) of the events the filter selects; `start`/`end` may be left open. */
export function findAuditPage(
  prisma: PrismaClient,
  filter: Partial<Pick<AuditFilter, 'start' | 'end'>> & Omit<AuditFilter, 'start' | 'end'>,
  page: Page<NewestFirstPosition>,
): Promise<AuditEvent[]> {
  const after = page.after;
  return prisma.auditEvent.findMany({
    where: {
      ...(filter.start || filter.end
        ? { at: { ...(filter.start ? { gte: filter.start } : {}), ...(filter.end ? { lt: filter.end } : {}) } }
        : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.userId ? { userId: filter.userId } : {}),
      ...(after ? { OR: [{ at: { lt: new Date(after.t) } }, { at: new Date(after.t), id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export interface AuditEventRecord {
  id: string;
  at: Date;
  action: string;
  outcome: 'SUCCESS' | 'FAILURE';
  userId: string | null;
  channel: string | null;
  details: { name: string; value: string }[];
}

/** An event for staff: details masked, one entry per key, objects and lists as JSON. */
export function auditEventRecord(event: AuditEvent): AuditEventRecord {
  const details = maskPersonalFields(event.details ?? {}) as Record<string, unknown>;
  return {
    id: event.id,
    at: event.at,
    action: event.action,
    outcome: event.outcome === 'success' ? 'SUCCESS' : 'FAILURE',
    userId: event.userId,
    channel: event.channel,
    details: Object.entries(details)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) })),
  };
}

export interface RiskRuleChangeRecord {
  id: string;
  at: Date;
  version: number;
  rule: string;
  changedBy: string;
  before: RuleDefinition;
  after: RuleDefinition;
}

interface RuleChangeDetails {
  rule: string;
  version: number;
  before: RuleDefinition;
  after: RuleDefinition;
}

/** Risk-rule changes, newest first: the successful `risk-rule-changed` events, with the staff member's username. */
export async function findRuleChangePage(
  prisma: PrismaClient,
  page: Page<NewestFirstPosition>,
): Promise<(AuditEvent & { username: string })[]> {
  // A malformed row (written by hand, say) is left out rather than failing the whole list.
  const events = (await findAuditPage(prisma, { action: 'risk-rule-changed', outcome: 'success' }, page)).filter(isRuleChangeEvent);
  const staffIds = [...new Set(events.flatMap((event) => (event.userId ? [event.userId] : [])))];
  const staff = staffIds.length
    ? await prisma.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, username: true } })
    : [];
  const usernames = new Map(staff.map((member) => [member.id, member.username]));
  return events.map((event) => ({ ...event, username: (event.userId && usernames.get(event.userId)) ?? event.userId ?? '' }));
}

const isRule = (value: unknown): value is RuleDefinition =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RuleDefinition).code === 'string' &&
  typeof (value as RuleDefinition).params === 'object';

/** Whether an event's details hold a whole change (every `risk-rule-changed` event written since rules were versioned). */
export function isRuleChangeEvent(event: AuditEvent): boolean {
  const details = event.details as Partial<RuleChangeDetails> | null;
  return typeof details?.version === 'number' && isRule(details.before) && isRule(details.after);
}

export function ruleChangeRecord(event: AuditEvent & { username: string }): RiskRuleChangeRecord {
  const details = event.details as unknown as RuleChangeDetails;
  return {
    id: event.id,
    at: event.at,
    version: details.version,
    rule: details.rule,
    changedBy: event.username,
    before: details.before,
    after: details.after,
  };
}
