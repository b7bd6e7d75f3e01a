/**
 * Biometric device keys. The mobile app creates an ECDSA P-256 key pair in the phone's secure
 * hardware, guarded by the face or fingerprint unlock, and registers the public half for the
 * device its session runs on after an SMS challenge. Later the app proves the customer by signing
 * a server nonce: to sign in on that device (`loginWithDeviceKey`) or to pass a step-up challenge.
 * The private key never leaves the phone; the bank only ever sees signatures over its own nonces.
 */
import { createPublicKey, KeyObject, randomUUID, verify } from 'node:crypto';
import { ErrorCode, bankError, badInput, notFound } from '../../../platform/errors';
import type { ChannelName } from '../../../platform/identity/identity';
import type { DeviceKey } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { requireChallengeToken } from './challengeTokens';
import { assertSourceNotBlocked, countSourceFailure } from './lockout';
import type { DeviceDescriptor } from './login';
import { consumeNonce, issueNonce } from './nonces';
import { IssuedSession, openSession, SessionDeps } from './sessions';

export type DeviceKeyRecord = DeviceKey;
export const DEVICE_KEY_NONCE_LIFETIME_MS = 60 * 1000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses a SubjectPublicKeyInfo (DER, base64) and accepts only EC keys on P-256. */
export function parseDeviceKey(publicKey: string, field: readonly string[]): KeyObject {
  if (publicKey.length > 512 || !BASE64.test(publicKey)) throw badInput('设备公钥格式不正确', field);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw badInput('设备公钥格式不正确', field);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw badInput('设备公钥须为 ECDSA P-256 公钥', field);
  }
  return key;
}

/** ECDSA P-256 / SHA-256 over the nonce's UTF-8 bytes; DER signatures (Android, iOS) or raw r‖s. */
export function deviceKeySignatureValid(publicKey: string, message: string, signature: string): boolean {
  if (signature.length > 200 || !BASE64.test(signature)) return false;
  const bytes = Buffer.from(signature, 'base64');
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: bytes.length === 64 ? 'ieee-p1363' : 'der' }, bytes);
  } catch {
    return false;
  }
}

export interface SignedInDevice {
  userId: string;
  channel: string;
  deviceId?: string;
}

/** Registers (or replaces) the biometric key of the device the customer is signed in on. */
export async function registerDeviceKey(
  deps: SessionDeps,
  customer: SignedInDevice,
  publicKey: string,
  challengeToken: string,
): Promise<DeviceKey> {
  if (customer.channel !== 'MOBILE_APP' || !customer.deviceId) throw bankError(ErrorCode.Forbidden, '仅手机银行可开通生物识别');
  const key = parseDeviceKey(publicKey, ['publicKey']);
  const device = await deps.prisma.device.findUnique({
    where: { userId_deviceId: { userId: customer.userId, deviceId: customer.deviceId } },
  });
  if (!device) throw notFound('设备不存在');
  await requireChallengeToken(deps, customer.userId, challengeToken, 'REGISTER_DEVICE_KEY');
  const now = deps.clock.now();
  const [, created] = await deps.prisma.$transaction([
    deps.prisma.deviceKey.updateMany({
      where: { userId: customer.userId, deviceId: device.deviceId, revokedAt: null },
      data: { revokedAt: now },
    }),
    deps.prisma.deviceKey.create({
      data: {
        id: randomUUID(),
        userId: customer.userId,
        deviceId: device.deviceId,
        publicKey: key.export({ type: 'spki', format: 'der' }).toString('base64'),
        createdAt: now,
      },
    }),
  ]);
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'device-key-registered',
    outcome: 'success',
    userId: customer.userId,
    channel: customer.channel,
    details: { deviceId: device.deviceId },
  });
  return created;
}

/** A nonce for a device-key sign-in. Issued for any key id, so the answer says nothing about which keys exist. */
export function startDeviceKeyLogin(deps: SessionDeps, deviceKeyId: string, channel: ChannelName) {
  if (channel !== 'MOBILE_APP') throw bankError(ErrorCode.Forbidden, '仅手机银行支持生物识别登录');
  if (!/^[0-9a-f-]{36}$/.test(deviceKeyId)) throw badInput('设备密钥标识格式不正确', ['deviceKeyId']);
  return issueNonce(deps, { purpose: 'DEVICE_KEY_LOGIN', channel, subjectId: deviceKeyId, lifetimeMs: DEVICE_KEY_NONCE_LIFETIME_MS });
}

export interface DeviceKeyLoginRequest {
  deviceKeyId: string;
  nonceId: string;
  signature: string;
  device: DeviceDescriptor;
  channel: ChannelName;
  clientAddress?: string;
}

/**
 * Signs in with a device key. Every failure (unknown, revoked or foreign key, another device, a used
 * or expired nonce, a bad signature) answers the same error and counts against the address and device.
 */
export async function loginWithDeviceKey(deps: SessionDeps, request: DeviceKeyLoginRequest): Promise<IssuedSession> {
  const { prisma, runtime, clock, log } = deps;
  if (request.channel !== 'MOBILE_APP') throw bankError(ErrorCode.Forbidden, '仅手机银行支持生物识别登录');
  const now = clock.now();
  const source = { clientAddress: request.clientAddress, deviceId: request.device.deviceId };
  await assertSourceNotBlocked(runtime.counters, source, now.getTime());

  // The nonce is spent before anything else is checked: a signature can be tried once per nonce.
  const nonce = await consumeNonce(deps, request.nonceId, {
    purpose: 'DEVICE_KEY_LOGIN',
    channel: request.channel,
    subjectId: request.deviceKeyId,
  });
  const key = nonce ? await prisma.deviceKey.findUnique({ where: { id: request.deviceKeyId } }) : null;
  const device =
    key && !key.revokedAt && key.deviceId === request.device.deviceId
      ? await prisma.device.findUnique({ where: { userId_deviceId: { userId: key.userId, deviceId: key.deviceId } } })
      : null;
  const valid = Boolean(nonce && key && device && deviceKeySignatureValid(key.publicKey, nonce.value, request.signature));
  if (!valid || !key || !device) {
    await countSourceFailure(runtime.counters, source, now.getTime());
    await recordAudit(prisma, log, now, {
      action: 'login',
      outcome: 'failure',
      userId: key?.userId,
      channel: request.channel,
      details: { method: 'device-key', reason: nonce ? 'signature' : 'nonce', clientAddress: request.clientAddress },
    });
    throw bankError(ErrorCode.InvalidCredentials, '生物识别验证失败，请使用密码登录');
  }
  await prisma.$transaction([
    prisma.deviceKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }),
    prisma.device.update({ where: { id: device.id }, data: { lastSeenAt: now, appVersion: request.device.appVersion ?? undefined } }),
  ]);
  await recordAudit(prisma, log, now, {
    action: 'login',
    outcome: 'success',
    userId: key.userId,
    channel: request.channel,
    details: { method: 'device-key', deviceId: key.deviceId },
  });
  // Possession of the phone's key plus the biometric unlock that guards it: two factors.
  return openSession(deps, {
    userId: key.userId,
    channel: request.channel,
    deviceId: key.deviceId,
    authLevel: 2,
    clientAddress: request.clientAddress,
  });
}

/** Step-up with a device key: the key must be the customer's own, active, and on the device of this session. */
export async function verifyDeviceKeyProof(
  deps: Pick<SessionDeps, 'prisma'>,
  customer: SignedInDevice,
  nonce: string,
  proof: { deviceKeyId?: string | null; signature?: string | null },
): Promise<DeviceKey> {
  if (!proof.deviceKeyId) throw badInput('请提供设备密钥标识', ['proof', 'deviceKeyId']);
  if (!proof.signature) throw badInput('请提供签名', ['proof', 'signature']);
  const key = /^[0-9a-f-]{36}$/.test(proof.deviceKeyId)
    ? await deps.prisma.deviceKey.findUnique({ where: { id: proof.deviceKeyId } })
    : null;
  const usable = key && !key.revokedAt && key.userId === customer.userId && key.deviceId === customer.deviceId;
  if (!usable || !deviceKeySignatureValid(key.publicKey, nonce, proof.signature)) {
    throw bankError(ErrorCode.ChallengeInvalid, '生物识别验证未通过');
  }
  return key;
}

/** The device key a step-up challenge on this session's device would use, if any. */
export function activeDeviceKey(deps: Pick<SessionDeps, 'prisma'>, userId: string, deviceId: string | undefined) {
  if (!deviceId) return Promise.resolve(null);
  return deps.prisma.deviceKey.findFirst({ where: { userId, deviceId, revokedAt: null } });
}
