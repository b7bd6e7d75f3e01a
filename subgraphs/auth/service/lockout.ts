/**
 * Password lockout: 5 failures within 15 minutes lock the credential for 15 minutes, and the lock
 * holds against the right password too. Failures are also counted per client address and per
 * device, so one address cannot spray passwords across many accounts.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { CounterStore } from './counters';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
const SOURCE_WINDOW_SECONDS = 15 * 60;
/** Failures from one address (NAT'd office networks share one) and from one device. */
export const MAX_ADDRESS_FAILURES = 20;
export const MAX_DEVICE_FAILURES = 10;

export interface FailureState {
  failedCount: number;
  failureWindowStart: Date | null;
  lockedUntil: Date | null;
}

export function lockedUntil(state: FailureState, now: Date): Date | undefined {
  return state.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
}

/** The state after one more failure. */
export function afterFailure(state: FailureState, now: Date): FailureState {
  const windowOpen = state.failureWindowStart && now.getTime() - state.failureWindowStart.getTime() < FAILURE_WINDOW_MS;
  const failedCount = windowOpen ? state.failedCount + 1 : 1;
  const failureWindowStart = windowOpen ? state.failureWindowStart : now;
  return {
    failedCount: failedCount >= MAX_FAILURES ? 0 : failedCount,
    failureWindowStart: failedCount >= MAX_FAILURES ? null : failureWindowStart,
    lockedUntil: failedCount >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : state.lockedUntil,
  };
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
