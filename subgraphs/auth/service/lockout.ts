/**
 * Password lockout: 5 failures within 15 minutes lock the credential for 15 minutes, and the lock
 * holds against the right password too. Failures are also counted per client address and per
 * device, so one address cannot spray passwords across many accounts.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import { Prisma, type PrismaClient } from '../__generated__/prisma/client';
import type { CounterStore } from './counters';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
const SOURCE_WINDOW_SECONDS = 15 * 60;
/** Failures from one address (NAT'd office networks share one) and from one device. */
export const MAX_ADDRESS_FAILURES = 20;
export const MAX_DEVICE_FAILURES = 10;

/** Where one more failure leaves a credential: the failures in its window and the lock, if any. */
export interface FailureCount {
  failures: number;
  lockedUntil: Date | null;
}

export function isLocked(count: FailureCount, now: Date): count is FailureCount & { lockedUntil: Date } {
  return count.lockedUntil !== null && count.lockedUntil > now;
}

/** This failure is the one that locked the credential (the later ones count on while it is locked). */
export const lockedByThisFailure = (count: FailureCount, now: Date) => isLocked(count, now) && count.failures === MAX_FAILURES;

/**
 * The assignments that count one failure on a row aliased `f`. PostgreSQL evaluates them against the
 * row as the previous writer left it (a concurrent UPDATE waits for the row lock, then re-reads), so
 * concurrent failures are each counted and exactly one of them reaches MAX_FAILURES and sets the lock.
 * While locked the count goes on and the lock stays where it is. The lock opens a fresh window
 * (LOCK_MS = FAILURE_WINDOW_MS): when it ends, so does the window, and counting starts over.
 */
function oneMoreFailure(now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lockEnd = new Date(now.getTime() + LOCK_MS);
  return Prisma.sql`
      failed_count = CASE WHEN f.locked_until > ${now}::timestamptz OR f.failure_window_start > ${since}::timestamptz
                          THEN f.failed_count + 1 ELSE 1 END,
      failure_window_start = CASE
        WHEN f.locked_until > ${now}::timestamptz THEN f.failure_window_start
        WHEN f.failure_window_start > ${since}::timestamptz AND f.failed_count + 1 < ${MAX_FAILURES} THEN f.failure_window_start
        ELSE ${now}::timestamptz END,
      locked_until = CASE
        WHEN f.locked_until > ${now}::timestamptz THEN f.locked_until
        WHEN (CASE WHEN f.failure_window_start > ${since}::timestamptz THEN f.failed_count + 1 ELSE 1 END) >= ${MAX_FAILURES}
          THEN ${lockEnd}::timestamptz
        ELSE f.locked_until END,
      updated_at = ${now}::timestamptz`;
}

/** Counts one password failure against a credential: one UPDATE (see oneMoreFailure). */
export async function countPasswordFailure(prisma: PrismaClient, userId: string, now: Date): Promise<FailureCount> {
  const [row] = await prisma.$queryRaw<FailureCount[]>`
    UPDATE credential AS f SET ${oneMoreFailure(now)}
    WHERE f.user_id = ${userId}
    RETURNING f.failed_count AS failures, f.locked_until AS "lockedUntil"`;
  if (!row) throw new Error(`no credential for ${userId}`);
  return row;
}

/**
 * Counts one password failure against a mobile no credential has: one INSERT … ON CONFLICT with the
 * same assignments, so an unregistered mobile locks after the same failures, until the same moment.
 */
export async function countUnknownMobileFailure(prisma: PrismaClient, loginIndex: string, now: Date): Promise<FailureCount> {
  const [row] = await prisma.$queryRaw<FailureCount[]>`
    INSERT INTO unknown_login_failure AS f (login_index, failed_count, failure_window_start, locked_until, updated_at)
    VALUES (${loginIndex}, 1, ${now}::timestamptz, NULL, ${now}::timestamptz)
    ON CONFLICT (login_index) DO UPDATE SET ${oneMoreFailure(now)}
    RETURNING f.failed_count AS failures, f.locked_until AS "lockedUntil"`;
  return row!;
}

/**
 * Clears the failure count after the right password, unless the credential is locked: a lock set by
 * concurrent failures while this password was being verified still holds. Returns false when locked.
 */
export async function clearPasswordFailures(prisma: PrismaClient, userId: string, now: Date): Promise<boolean> {
  const { count } = await prisma.credential.updateMany({
    where: { userId, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failedCount: 0, failureWindowStart: null },
  });
  return count === 1;
}

export function accountLocked(until: Date) {
  return bankError(ErrorCode.AccountLocked, '密码错误次数过多，账户已临时锁定，请稍后再试', { details: { unlockAt: until.toISOString() } });
}

export interface LoginSource {
  clientAddress?: string;
  deviceId?: string;
}

const sourceKeys = (source: LoginSource) => [
  ...(source.clientAddress ? [{ key: `login-fail:addr:${source.clientAddress}`, max: MAX_ADDRESS_FAILURES }] : []),
  ...(source.deviceId ? [{ key: `login-fail:dev:${source.deviceId}`, max: MAX_DEVICE_FAILURES }] : []),
];

/** Refuses (before any password work) a source that has failed too often. */
export async function assertSourceNotBlocked(counters: CounterStore, source: LoginSource, nowMs: number): Promise<void> {
  for (const { key, max } of sourceKeys(source)) {
    if ((await counters.read(key, SOURCE_WINDOW_SECONDS, nowMs)) >= max) {
      throw bankError(ErrorCode.TooManyAttempts, '登录失败次数过多，请稍后再试');
    }
  }
}

export async function countSourceFailure(counters: CounterStore, source: LoginSource, nowMs: number): Promise<void> {
  for (const { key } of sourceKeys(source)) await counters.increment(key, SOURCE_WINDOW_SECONDS, nowMs);
}
