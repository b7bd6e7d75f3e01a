/**
 * A device id is whatever the client sends, so at password sign-in a known device must prove it is
 * the one the customer verified, by its channel's means:
 * - MOBILE_APP: a signature with the device's biometric key (deviceKeys.ts) over a single-use
 *   `startDeviceKeyLogin` nonce (nonces.ts);
 * - WEB and WECHAT_BANKING: the device token issued when the browser was verified — server-signed
 *   (HMAC) over the device row, kept by the gateway in an HttpOnly cookie, so page scripts never see it;
 * - WECHAT_MINI and ALIPAY_MINI: a fresh platform login code resolving to the customer's bound
 *   identity. A customer who has not bound that platform yet has nothing to prove it with; the device id
 *   stands until they bind (the binding itself needs a password sign-in and an SMS challenge).
 * Without a proof the sign-in goes through the SMS step as from a new device.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { loadSecret } from '../../../platform/secrets';
import type { Device } from '../__generated__/prisma/client';
import { deviceKeySignatureValid } from './deviceKeys';
import { platformOfChannel } from './miniProgram/providers';
import { consumeNonce } from './nonces';
import type { SessionDeps } from './sessions';

export interface DeviceProof {
  deviceKeyId?: string | null;
  nonceId?: string | null;
  signature?: string | null;
  deviceToken?: string | null;
  miniProgramCode?: string | null;
}

/** Channels whose verified devices carry a device token (a cookie in the browser). */
export const COOKIE_CHANNELS: readonly string[] = ['WEB', 'WECHAT_BANKING'];

const TOKEN_PREFIX = 'dv1';

function tokenMac(device: Pick<Device, 'id' | 'userId' | 'deviceId'>): string {
  return createHmac('sha256', loadSecret('BLIND_INDEX_KEY'))
    .update(`device-token:${device.id}:${device.userId}:${device.deviceId}`)
    .digest('base64url');
}

/** The token a verified browser keeps: it names the device row, so removing the device (or verifying it anew) voids it. */
export function deviceTokenFor(device: Pick<Device, 'id' | 'userId' | 'deviceId'>): string {
  return `${TOKEN_PREFIX}.${Buffer.from(device.id).toString('base64url')}.${tokenMac(device)}`;
}

function deviceTokenValid(token: string, device: Device): boolean {
  const [prefix, id, mac] = token.split('.');
  if (prefix !== TOKEN_PREFIX || !id || !mac || Buffer.from(id, 'base64url').toString() !== device.id) return false;
  const expected = Buffer.from(tokenMac(device));
  const actual = Buffer.from(mac);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether `proof` shows that this sign-in comes from `device`, the customer's known device. */
export async function deviceProven(
  deps: Pick<SessionDeps, 'prisma' | 'clock' | 'runtime'>,
  channel: string,
  device: Device,
  proof: DeviceProof | null | undefined,
): Promise<boolean> {
  if (channel === 'MOBILE_APP') {
    if (!proof?.deviceKeyId || !proof.nonceId || !proof.signature) return false;
    // The nonce is spent first: a signature can be tried once per nonce.
    const nonce = await consumeNonce(deps, proof.nonceId, { purpose: 'DEVICE_KEY_LOGIN', channel, subjectId: proof.deviceKeyId });
    if (!nonce) return false;
    const key = await deps.prisma.deviceKey.findUnique({ where: { id: proof.deviceKeyId } });
    const usable = key && !key.revokedAt && key.userId === device.userId && key.deviceId === device.deviceId;
    return Boolean(usable && deviceKeySignatureValid(key.publicKey, nonce.value, proof.signature));
  }
  if (COOKIE_CHANNELS.includes(channel)) return Boolean(proof?.deviceToken && deviceTokenValid(proof.deviceToken, device));
  const platform = platformOfChannel(channel);
  if (platform) {
    const binding = await deps.prisma.platformIdentity.findUnique({
      where: { provider_userId: { provider: platform, userId: device.userId } },
    });
    if (!binding) return true;
    if (!proof?.miniProgramCode) return false;
    const resolved = await deps.runtime.miniPrograms[platform].resolveCode(proof.miniProgramCode).catch(() => null);
    return resolved?.subject === binding.subject;
  }
  return false;
}
