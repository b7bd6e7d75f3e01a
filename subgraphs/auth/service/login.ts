/**
 * Password sign-in. An unknown mobile and a wrong password answer the same error after the same
 * work — one argon2 verification, the same SQL statements — (no account enumeration), and an
 * unknown mobile locks like a real one, until the same moment. A device the
 * customer has not used before needs an SMS code before any session exists.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { blindIndexCandidates, decryptField, maskMobile } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import { CREDENTIAL } from '../encryptedColumns';
import type { ChannelName } from '../../../platform/identity/identity';
import type { Credential } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { newDeviceRow } from './deviceDescriptor';
import { COOKIE_CHANNELS, DeviceProof, deviceProven, deviceTokenFor } from './deviceProof';
import {
  accountLocked,
  assertSourceNotBlocked,
  clearPasswordFailures,
  countPasswordFailure,
  countSourceFailure,
  countUnknownMobileFailure,
  isLocked,
  lockedByThisFailure,
} from './lockout';
import { verifyPassword } from './passwords';
import { assessRisk } from './risk/assess';
import { IssuedSession, openSession, SessionDeps } from './sessions';
import { checkCode, resendCode, sendCode } from './sms/codes';

const MOBILE = /^1[3-9]\d{9}$/;
const DEVICE_ID = /^[\w.:-]{1,128}$/;
const PENDING_LOGIN_MS = 10 * 60 * 1000;
const NEW_DEVICE_MESSAGE = '检测到新设备登录，请输入发送到您手机的验证码';

export interface DeviceDescriptor {
  deviceId: string;
  fingerprintHash?: string | null;
  platform?: string | null;
  appVersion?: string | null;
}

export interface LoginRequest {
  mobile: string;
  password: string;
  channel: ChannelName;
  clientAddress?: string;
  device?: DeviceDescriptor | null;
  deviceProof?: DeviceProof | null;
}

export async function loginWithPassword(deps: SessionDeps, request: LoginRequest): Promise<IssuedSession> {
  const { prisma, runtime, clock, log } = deps;
  if (!MOBILE.test(request.mobile)) throw badInput('手机号格式不正确', ['input', 'mobile']);
  if (request.password.length === 0 || request.password.length > 128) throw badInput('密码长度不正确', ['input', 'password']);
  // Every check on the input comes before the password's: a refusal must never depend on whether the password was right.
  if (!request.device) throw badInput('请提供设备信息', ['input', 'device']);
  if (!DEVICE_ID.test(request.device.deviceId)) throw badInput('设备标识格式不正确', ['input', 'device', 'deviceId']);
  if (request.device?.fingerprintHash && !/^[\w+/=-]{8,128}$/.test(request.device.fingerprintHash)) {
    throw badInput('设备指纹格式不正确', ['input', 'device', 'fingerprintHash']);
  }

  const now = clock.now();
  const source = { clientAddress: request.clientAddress, deviceId: request.device.deviceId };
  await assertSourceNotBlocked(runtime.counters, source, now.getTime());

  // Rows indexed under an earlier configuration match too, until the re-encryption job rewrote them.
  const loginIndexes = blindIndexCandidates(indexBinding(CREDENTIAL, 'login_index'), request.mobile);
  const loginIndex = loginIndexes[0]!;
  const credential = await prisma.credential.findFirst({ where: { loginIndex: { in: loginIndexes } } });
  const valid = await verifyPassword(credential?.passwordHash, request.password);
  const audit = {
    userId: credential?.userId,
    channel: request.channel,
    details: { mobile: maskMobile(request.mobile), clientAddress: request.clientAddress },
  };

  // The right password clears the count unless the credential is locked (also by failures counted while it was verified).
  const locked = credential?.lockedUntil != null && credential.lockedUntil > now;
  const passed = credential && valid && !locked && (await clearPasswordFailures(prisma, credential.userId, now));
  if (!credential || !passed) {
    // A mobile no credential has fails exactly like a registered one: the same statements, count, lock and answer.
    const count = credential
      ? await countPasswordFailure(prisma, credential.userId, now)
      : await countUnknownMobileFailure(prisma, loginIndex, now);
    await countSourceFailure(runtime.counters, source, now.getTime());
    await recordAudit(prisma, log, now, {
      action: lockedByThisFailure(count, now) ? 'login-locked' : 'login',
      outcome: 'failure',
      ...audit,
      details: { ...audit.details, reason: !credential ? 'unknown-mobile' : valid ? 'locked' : 'password' },
    });
    throw isLocked(count, now) ? accountLocked(count.lockedUntil) : invalidCredentials();
  }

  const known = await prisma.device.findUnique({
    where: { userId_deviceId: { userId: credential.userId, deviceId: request.device.deviceId } },
  });
  // A known device id is only a claim: without its channel's proof the device counts as new (the same answer, too).
  if (!known || !(await deviceProven(deps, request.channel, known, request.deviceProof))) {
    return requireDeviceVerification(deps, credential, request, NEW_DEVICE_MESSAGE);
  }
  const fingerprintChanged = Boolean(
    request.device.fingerprintHash && known.fingerprintHash && request.device.fingerprintHash !== known.fingerprintHash,
  );

  // The LOGIN risk decision (stored with its inputs): an untrusted device at a new address, for one, needs the SMS step.
  const risk = await assessRisk(
    { prisma, counters: runtime.counters, rules: runtime.rules, clock },
    {
      userId: credential.userId,
      action: 'LOGIN',
      channel: request.channel,
      deviceId: known.deviceId,
      clientAddress: request.clientAddress,
    },
  );
  if (risk.outcome === 'DENY') {
    await recordAudit(prisma, log, now, {
      action: 'login',
      outcome: 'failure',
      ...audit,
      details: { ...audit.details, reason: 'risk', reasons: risk.reasons },
    });
    throw bankError(ErrorCode.RiskDenied, '本次登录存在风险，已被拒绝，请联系客服', { details: { reasons: risk.reasons } });
  }
  // A proven device whose fingerprint changed (a restored backup, a cloned app) goes through the SMS step too.
  if (risk.outcome === 'CHALLENGE' || fingerprintChanged) {
    const reasons = [...risk.reasons, ...(fingerprintChanged ? ['DEVICE_FINGERPRINT_CHANGED'] : [])];
    return requireDeviceVerification(deps, credential, request, '本次登录需要短信验证，请输入发送到您手机的验证码', reasons);
  }

  await prisma.device.update({ where: { id: known.id }, data: { lastSeenAt: now, appVersion: request.device.appVersion ?? undefined } });
  await recordAudit(prisma, log, now, { action: 'login', outcome: 'success', ...audit });
  return openSession(deps, {
    userId: credential.userId,
    channel: request.channel,
    deviceId: known.deviceId,
    authLevel: 1,
    clientAddress: request.clientAddress,
  });
}

/** A new device (or a risky sign-in): park the sign-in, text a code to the customer's mobile, answer DEVICE_VERIFICATION_REQUIRED. */
async function requireDeviceVerification(
  deps: SessionDeps,
  credential: Credential,
  request: LoginRequest,
  message: string,
  reasons?: string[],
): Promise<never> {
  const { prisma, runtime, clock } = deps;
  const now = clock.now();
  const smsCodeId = await sendCode({ prisma, sms: runtime.sms, clock }, request.mobile, 'NEW_DEVICE');
  const pendingLoginId = randomUUID();
  await prisma.pendingLogin.create({
    data: {
      id: pendingLoginId,
      userId: credential.userId,
      channel: request.channel,
      device: { ...request.device },
      smsCodeId,
      clientAddress: request.clientAddress,
      expiresAt: new Date(now.getTime() + PENDING_LOGIN_MS),
    },
  });
  throw bankError(ErrorCode.DeviceVerificationRequired, message, {
    details: { pendingLoginId, mobile: maskMobile(request.mobile), ...(reasons ? { reasons } : {}) },
  });
}

async function pendingLoginFor(deps: SessionDeps, pendingLoginId: string, channel: ChannelName) {
  const pending = await deps.prisma.pendingLogin.findUnique({ where: { id: pendingLoginId } });
  if (!pending || pending.completedAt || pending.expiresAt <= deps.clock.now() || pending.channel !== channel) {
    throw bankError(ErrorCode.InvalidCode, '登录已超时，请重新登录');
  }
  return pending;
}

export async function verifyNewDevice(
  deps: SessionDeps,
  pendingLoginId: string,
  code: string,
  channel: ChannelName,
): Promise<IssuedSession> {
  const { prisma, clock, log } = deps;
  const pending = await pendingLoginFor(deps, pendingLoginId, channel);
  try {
    await checkCode(deps, pending.smsCodeId, code);
  } catch (error) {
    await recordAudit(prisma, log, clock.now(), { action: 'device-verification', outcome: 'failure', userId: pending.userId, channel });
    throw error;
  }
  const done = await prisma.pendingLogin.updateMany({
    where: { id: pendingLoginId, completedAt: null },
    data: { completedAt: clock.now() },
  });
  if (done.count === 0) throw bankError(ErrorCode.InvalidCode, '登录已超时，请重新登录');

  const device = pending.device as unknown as DeviceDescriptor;
  const now = clock.now();
  const verified = await prisma.device.upsert({
    where: { userId_deviceId: { userId: pending.userId, deviceId: device.deviceId } },
    // The SMS code vouches for the device as it is now: its current fingerprint is the one to compare with next time.
    update: { lastSeenAt: now, fingerprintHash: device.fingerprintHash ?? undefined },
    create: newDeviceRow(pending.userId, device, now),
  });
  await recordAudit(prisma, log, now, {
    action: 'device-added',
    outcome: 'success',
    userId: pending.userId,
    channel,
    details: { deviceId: device.deviceId },
  });
  // Password plus a possession factor (the SMS code) is a level-2 session.
  const session = await openSession(deps, {
    userId: pending.userId,
    channel,
    deviceId: device.deviceId,
    authLevel: 2,
    clientAddress: pending.clientAddress ?? undefined,
  });
  // A browser proves this device from now on with the token (the gateway keeps it in an HttpOnly cookie).
  return COOKIE_CHANNELS.includes(channel) ? { ...session, deviceToken: deviceTokenFor(verified) } : session;
}

export async function resendNewDeviceCode(deps: SessionDeps, pendingLoginId: string, channel: ChannelName): Promise<void> {
  const pending = await pendingLoginFor(deps, pendingLoginId, channel);
  await resendCode(
    { prisma: deps.prisma, sms: deps.runtime.sms, clock: deps.clock },
    pending.smsCodeId,
    await customerMobile(deps, pending.userId),
  );
}

export async function customerMobile(deps: Pick<SessionDeps, 'prisma'>, userId: string): Promise<string> {
  const credential = await deps.prisma.credential.findUniqueOrThrow({ where: { userId } });
  if (!credential.mobileEncrypted) throw bankError(ErrorCode.NotFound, '未登记手机号');
  return decryptField(credential.mobileEncrypted, fieldBinding(CREDENTIAL, 'mobile_encrypted', credential.userId));
}

function invalidCredentials() {
  return bankError(ErrorCode.InvalidCredentials, '手机号或密码错误');
}
