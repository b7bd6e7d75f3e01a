/**
 * A forgotten login password (忘记密码), reset without signing in: an SMS code to the mobile, then the
 * new password with a selfie. A customer who passed real-name verification must also show the face
 * of their verified ID card (the user center compares it): an SMS code alone — a swapped or stolen
 * SIM — cannot take over a verified customer's sign-in. A customer never verified has no face on file
 * and resets with the code alone, as they registered with it.
 *
 * Step 1 answers alike whether or not the mobile signs in here (no oracle of who banks with us): a
 * mobile without a credential gets a reset and a code row like any other, but no SMS, so its reset
 * can never complete. Step 2 checks the new password first (spending nothing), then the code once
 * (remembered on the reset, so a face that was not accepted can be tried again without a new code),
 * then the face, at most three selfies per reset. A completed reset sets the password, clears the
 * sign-in lock and ends every session of the customer.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import type { ChannelName } from '../../../platform/identity/identity';
import { blindIndexCandidates, decryptField, encryptField, maskMobile } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import type { UserCenterClient } from '../../user/client';
import { CREDENTIAL, PASSWORD_RESET } from '../encryptedColumns';
import { recordAudit } from './audit';
import { errorAtField } from './errorAtField';
import { assertPasswordAllowed } from './passwordPolicy';
import { hashPassword } from './passwords';
import { revokeSession, SessionDeps } from './sessions';
import { checkCode, sendCode } from './sms/codes';
import type { SmsProvider } from './sms/provider';

export const PASSWORD_RESET_PURPOSE = 'PASSWORD_RESET';
export const PASSWORD_RESET_LIFETIME_MS = 10 * 60 * 1000;
export const MAX_SELFIES_PER_RESET = 3;

const MOBILE = /^1[3-9]\d{9}$/;

export interface PasswordResetDeps extends SessionDeps {
  userCenter: Pick<UserCenterClient, 'matchFaceOnFile'>;
}

/** Stands in for the SMS vendor for a mobile that signs in nowhere here: the code goes nowhere. */
const nowhere: SmsProvider = { kind: 'unconfigured', send: async () => undefined, close: async () => undefined };

export async function startPasswordReset(
  deps: SessionDeps,
  request: { mobile: string; channel: ChannelName; clientAddress?: string },
): Promise<{ resetId: string; maskedMobile: string; expiresAt: Date }> {
  const { prisma, runtime, clock, log } = deps;
  if (!MOBILE.test(request.mobile)) throw badInput('手机号格式不正确', ['input', 'mobile']);
  const now = clock.now();
  const credential = await prisma.credential.findFirst({
    where: { loginIndex: { in: blindIndexCandidates(indexBinding(CREDENTIAL, 'login_index'), request.mobile) } },
    select: { userId: true },
  });
  const smsCodeId = await sendCode(
    { prisma, sms: credential ? runtime.sms : nowhere, clock, action: '重置登录密码' },
    request.mobile,
    PASSWORD_RESET_PURPOSE,
  );
  const resetId = randomUUID();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  await prisma.passwordReset.create({
    data: {
      id: resetId,
      userId: credential?.userId ?? null,
      mobileEncrypted: encryptField(request.mobile, fieldBinding(PASSWORD_RESET, 'mobile_encrypted', resetId)),
      channel: request.channel,
      smsCodeId,
      clientAddress: request.clientAddress,
      createdAt: now,
      expiresAt,
    },
  });
  await recordAudit(prisma, log, now, {
    action: 'password-reset',
    outcome: 'success',
    userId: credential?.userId,
    channel: request.channel,
    details: { step: 'started', mobile: maskMobile(request.mobile), known: Boolean(credential), clientAddress: request.clientAddress },
  });
  return { resetId, maskedMobile: maskMobile(request.mobile), expiresAt };
}

export interface PasswordResetCompletion {
  resetId: string;
  code: string;
  newPassword: string;
  /** Base64 JPEG or PNG. */
  selfie: string;
  channel: ChannelName;
}

/** Completes the reset; answers how many sessions it ended. */
export async function completePasswordReset(deps: PasswordResetDeps, request: PasswordResetCompletion): Promise<number> {
  const { prisma, clock, log } = deps;
  const now = clock.now();
  const reset = await prisma.passwordReset.findUnique({ where: { id: request.resetId } });
  if (!reset || reset.channel !== request.channel || reset.completedAt || reset.expiresAt <= now) {
    throw bankError(ErrorCode.InvalidCode, '密码重置已失效，请重新获取验证码', { field: ['input', 'resetId'] });
  }
  const mobile = decryptField(reset.mobileEncrypted, fieldBinding(PASSWORD_RESET, 'mobile_encrypted', reset.id));
  assertPasswordAllowed(request.newPassword, mobile, ['input', 'newPassword']);
  if (request.selfie.length === 0) throw badInput('请拍摄本人照片', ['input', 'selfie']);
  const audit = { userId: reset.userId ?? undefined, channel: request.channel, details: { resetId: reset.id, mobile: maskMobile(mobile) } };

  if (!reset.codeVerifiedAt) {
    try {
      // A mobile without a customer has a code nobody received: this always refuses, as a wrong code does.
      await checkCode(deps, reset.smsCodeId, request.code);
    } catch (error) {
      await recordAudit(prisma, log, now, {
        action: 'password-reset',
        outcome: 'failure',
        ...audit,
        details: { ...audit.details, reason: 'code' },
      });
      throw errorAtField(error, ['input', 'code']);
    }
    await prisma.passwordReset.update({ where: { id: reset.id }, data: { codeVerifiedAt: now } });
  }
  const userId = reset.userId;
  if (!userId) throw bankError(ErrorCode.InvalidCode, '验证码错误', { field: ['input', 'code'] });

  // One selfie attempt claimed before the comparison, so concurrent tries cannot exceed the three.
  const claimed = await prisma.passwordReset.updateMany({
    where: { id: reset.id, completedAt: null, faceAttempts: { lt: MAX_SELFIES_PER_RESET } },
    data: { faceAttempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    throw bankError(ErrorCode.TooManyAttempts, '人脸核验次数已用完，请重新发起密码重置', { field: ['input', 'resetId'] });
  }
  const face = await deps.userCenter.matchFaceOnFile(userId, request.selfie);
  if (face === 'MISMATCH' || face === 'SELFIE_UNUSABLE') {
    const attemptsLeft = MAX_SELFIES_PER_RESET - (reset.faceAttempts + 1);
    await recordAudit(prisma, log, now, {
      action: 'password-reset',
      outcome: 'failure',
      ...audit,
      details: { ...audit.details, reason: face },
    });
    throw bankError(ErrorCode.FaceMismatch, face === 'MISMATCH' ? '人脸与身份证照片不符' : '未能识别照片中的人脸，请正对镜头重新拍摄', {
      field: ['input', 'selfie'],
      details: { reason: face, attemptsLeft: Math.max(0, attemptsLeft) },
    });
  }

  const completed = await prisma.passwordReset.updateMany({ where: { id: reset.id, completedAt: null }, data: { completedAt: now } });
  if (completed.count === 0) throw bankError(ErrorCode.InvalidCode, '密码重置已失效，请重新获取验证码', { field: ['input', 'resetId'] });
  await prisma.credential.update({
    where: { userId },
    data: { passwordHash: await hashPassword(request.newPassword), failedCount: 0, failureWindowStart: null, lockedUntil: null },
  });
  const sessions = await prisma.session.findMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  for (const session of sessions) await revokeSession(deps, session.id, 'PASSWORD_RESET');
  await recordAudit(prisma, log, now, {
    action: 'password-reset',
    outcome: 'success',
    ...audit,
    details: { ...audit.details, step: 'completed', faceOnFile: face === 'MATCH', sessionsEnded: sessions.length },
  });
  return sessions.length;
}
