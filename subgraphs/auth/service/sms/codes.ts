/**
 * One-time SMS codes: 6 digits, stored only as a keyed hash, valid 5 minutes, 5 attempts, resent at
 * most once a minute. Resending replaces the code but keeps the attempt count, so resending cannot
 * buy more guesses.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../../platform/clock';
import { ErrorCode, bankError } from '../../../../platform/errors';
import { blindIndex, blindIndexCandidates } from '../../../kit/fieldCipher';
import { indexBinding } from '../../../kit/fieldEncryption/columns';
import { SMS_CODE } from '../../encryptedColumns';
import { loadSecret } from '../../../../platform/secrets';
import type { PrismaClient } from '../../__generated__/prisma/client';
import { describeAction } from './actionText';
import type { SmsProvider } from './provider';
import { codeMessage } from './templates';

export const CODE_LIFETIME_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 5;
export const RESEND_INTERVAL_MS = 60 * 1000;

const hashCode = (id: string, code: string) =>
  createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update(`sms:${id}:${code}`).digest('hex');

export interface SmsCodeDeps {
  prisma: PrismaClient;
  sms: SmsProvider;
  clock: Clock;
  /** What the code approves, as the SMS says it (see actionText.ts); by default the purpose's own wording. */
  action?: string;
  /** Where the mobile was in the request, named by a refusal to send (default `input.mobile`). */
  mobileField?: readonly (string | number)[];
}

export async function sendCode(deps: SmsCodeDeps, mobile: string, purpose: string): Promise<string> {
  const now = deps.clock.now();
  const binding = indexBinding(SMS_CODE, 'mobile_index');
  const mobileIndex = blindIndex(binding, mobile);
  const last = await deps.prisma.smsCode.findFirst({
    where: { mobileIndex: { in: blindIndexCandidates(binding, mobile) }, purpose },
    orderBy: { sentAt: 'desc' },
  });
  if (last && now.getTime() - last.sentAt.getTime() < RESEND_INTERVAL_MS) throw resendTooSoon(last.sentAt);
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.prisma.smsCode.create({
    data: { id, mobileIndex, purpose, codeHash: hashCode(id, code), sentAt: now, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS) },
  });
  try {
    await deps.sms.send(
      mobile,
      { ...smsMessage(purpose, code, deps.action ?? describeAction(purpose)), mobileField: deps.mobileField },
      now,
    );
  } catch (error) {
    // Not sent (refused, or the vendor failed): no code stands, so asking again is not "too soon".
    await deps.prisma.smsCode.delete({ where: { id } });
    throw error;
  }
  return id;
}

export async function resendCode(deps: SmsCodeDeps, codeId: string, mobile: string): Promise<void> {
  const now = deps.clock.now();
  const row = await deps.prisma.smsCode.findUnique({ where: { id: codeId } });
  if (!row || row.consumedAt) throw bankError(ErrorCode.InvalidCode, '验证码已失效，请重新发起');
  if (now.getTime() - row.sentAt.getTime() < RESEND_INTERVAL_MS) throw resendTooSoon(row.sentAt);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.prisma.smsCode.update({
    where: { id: codeId },
    data: { codeHash: hashCode(codeId, code), sentAt: now, expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS) },
  });
  try {
    await deps.sms.send(mobile, { ...smsMessage(row.purpose, code, describeAction(row.purpose)), mobileField: deps.mobileField }, now);
  } catch (error) {
    // Not sent: the code the customer already holds stays the valid one, with its own times.
    await deps.prisma.smsCode.update({
      where: { id: codeId },
      data: { codeHash: row.codeHash, sentAt: row.sentAt, expiresAt: row.expiresAt },
    });
    throw error;
  }
}

/** Checks a code once; throws INVALID_CODE, CODE_EXPIRED or TOO_MANY_ATTEMPTS. */
export async function checkCode(deps: Pick<SmsCodeDeps, 'prisma' | 'clock'>, codeId: string, code: string): Promise<void> {
  const now = deps.clock.now();
  const row = await deps.prisma.smsCode.findUnique({ where: { id: codeId } });
  if (!row || row.consumedAt) throw bankError(ErrorCode.InvalidCode, '验证码已失效，请重新获取');
  if (row.expiresAt <= now) throw bankError(ErrorCode.CodeExpired, '验证码已过期，请重新获取');
  // Count the attempt first (conditionally), so concurrent guesses cannot exceed the limit.
  const counted = await deps.prisma.smsCode.updateMany({
    where: { id: codeId, attempts: { lt: MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count === 0) throw bankError(ErrorCode.TooManyAttempts, '验证码错误次数过多，请重新获取');
  const expected = Buffer.from(row.codeHash, 'hex');
  const actual = Buffer.from(hashCode(codeId, /^\d{6}$/.test(code) ? code : 'invalid'), 'hex');
  if (!timingSafeEqual(expected, actual)) {
    const left = MAX_ATTEMPTS - row.attempts - 1;
    throw bankError(ErrorCode.InvalidCode, left > 0 ? `验证码错误，还可尝试 ${left} 次` : '验证码错误次数过多，请重新获取', {
      details: { attemptsLeft: Math.max(0, left) },
    });
  }
  const consumed = await deps.prisma.smsCode.updateMany({ where: { id: codeId, consumedAt: null }, data: { consumedAt: now } });
  if (consumed.count === 0) throw bankError(ErrorCode.InvalidCode, '验证码已失效，请重新获取');
}

function smsMessage(purpose: string, code: string, action: string) {
  return codeMessage(purpose, code, action, CODE_LIFETIME_MS / 60_000);
}

function resendTooSoon(sentAt: Date) {
  return bankError(ErrorCode.ResendTooSoon, '验证码发送过于频繁，请稍后再试', {
    details: { retryAfter: new Date(sentAt.getTime() + RESEND_INTERVAL_MS).toISOString() },
  });
}
