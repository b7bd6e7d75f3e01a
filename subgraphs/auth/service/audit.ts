/**
 * Security events (login ok/failed, lockout, device added/removed, PIN locked, challenge passed or
 * failed, session revoked, rule changed): one row in the auth center's own store and one line in
 * the structured log. Callers pass masked data only.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../platform/observability/logger';
import type { PrismaClient } from '../__generated__/prisma/client';

/** The client or the transaction an event is written with (a change and its audit row commit together). */
export type AuditWriter = Pick<PrismaClient, 'auditEvent'>;

/** Every action the log records (the audit log's filter accepts exactly these). */
export const AUDIT_ACTIONS = [
  'login',
  'login-locked',
  'device-verification',
  'device-added',
  'device-removed',
  'device-trusted',
  'session-revoked',
  'refresh-reuse',
  'pin-set',
  'pin-locked',
  'challenge',
  'staff-login',
  'risk-rule-changed',
  'signing-key-rotation',
  'device-key-registered',
  'passkey-registered',
  'passkey-removed',
  'mini-program-bound',
  'registration-started',
  'registration',
  'password-change',
  'password-reset',
  'pin-change',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  action: AuditAction;
  outcome: 'success' | 'failure';
  userId?: string;
  channel?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(prisma: AuditWriter, log: Logger, at: Date, event: AuditEventInput): Promise<void> {
  log.info(
    {
      event: { action: event.action, outcome: event.outcome, category: 'authentication' },
      userId: event.userId,
      channel: event.channel,
      ...event.details,
    },
    `audit ${event.action}`,
  );
  await prisma.auditEvent.create({
    data: {
      id: randomUUID(),
      at,
      action: event.action,
      outcome: event.outcome,
      userId: event.userId,
      channel: event.channel,
      details: (event.details ?? {}) as object,
    },
  });
}
