/**
 * Password lockout: 5 failures within 15 minutes lock the credential for 15 minutes, and the lock
 * holds against the right password too. Failures are also counted per client address and per
 * device, so one address cannot spray passwords across many accounts.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { PrismaClient } from '../__generated__/prisma/client';
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
 * Counts one password failure with one UPDATE. PostgreSQL evaluates every expression against the row
 * as the previous writer left it (a concurrent UPDATE waits for the row lock, then re-reads), so
 * concurrent failures are each counted and exactly one of them reaches MAX_FAILURES and sets the lock.
 * While locked the count goes on and the lock stays where it is. The lock opens a fresh window
 * (LOCK_MS = FAILURE_WINDOW_MS): when it ends, so does the window, and counting starts over.
 */
export async function countPasswordFailure(prisma: PrismaClient, userId: string, now: Date): Promise<FailureCount> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lockEnd = new Date(now.getTime() + LOCK_MS);
  const [row] = await prisma.$queryRaw<FailureCount[]>`
    UPDATE credential SET
      failed_count = CASE WHEN locked_until > ${now}::timestamptz OR failure_window_start > ${since}::timestamptz
                          THEN failed_count + 1 ELSE 1 END,
      failure_window_start = CASE
        WHEN locked_until > ${now}::timestamptz THEN failure_window_start
        WHEN failure_window_start > ${since}::timestamptz AND failed_count + 1 < ${MAX_FAILURES} THEN failure_window_start
        ELSE ${now}::timestamptz END,
      locked_until = CASE
        WHEN locked_until > ${now}::timestamptz THEN locked_until
        WHEN (CASE WHEN failure_window_start > ${since}::timestamptz THEN failed_count + 1 ELSE 1 END) >= ${MAX_FAILURES}
          THEN ${lockEnd}::timestamptz
        ELSE locked_until END,
      updated_at = ${now}::timestamptz
    WHERE user_id = ${userId}
    RETURNING failed_count AS failures, locked_until AS "lockedUntil"`;
  if (!row) throw new Error(`no credential for ${userId}`);
  return row;
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
