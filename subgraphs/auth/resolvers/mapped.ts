/** The records behind the center's value types (mappers.json), and small mapping helpers. */
import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import type { Challenge, Session, SmsOutbox } from '../__generated__/prisma/client';
import type { IssuedSession } from '../service/sessions';

export type SessionRecord = Session & { current: boolean };
export type ChallengeRecord = Challenge;
export type SmsMessageRecord = SmsOutbox;
export interface SecuritySettingsRecord {
  transactionPinSet: boolean;
  transactionPinLocked: boolean;
}

export function loginResult(issued: IssuedSession) {
  return {
    accessToken: issued.accessToken,
    tokenType: 'Bearer',
    expiresAt: issued.expiresAt,
    userId: issued.userId,
    sessionId: issued.sessionId,
    // On WEB the gateway moves this into an httpOnly cookie and blanks it in the body.
    refreshToken: issued.refreshToken,
    refreshExpiresAt: issued.refreshExpiresAt,
    // On WEB and WECHAT_BANKING the gateway moves this into an HttpOnly device cookie and blanks it in the body.
    deviceToken: issued.deviceToken ?? null,
  };
}

/** A request from the gateway on a customer channel (sign-in steps need no signed-in customer). */
export function gatewayRequest(identity: Identity) {
  if (identity.kind !== 'gateway') throw bankError(ErrorCode.Forbidden, '登录只能经由网关发起');
  return identity;
}

/** The signed-in customer (never a staff session, never a service). */
export function signedInCustomer(identity: Identity): { userId: string; sessionId?: string; channel: string; deviceId?: string } {
  const request = gatewayRequest(identity);
  if (!request.userId) throw unauthenticated();
  if (request.channel === 'OPS') throw bankError(ErrorCode.Forbidden, '运营渠道不能办理客户业务');
  return { userId: request.userId, sessionId: request.sessionId, channel: request.channel, deviceId: request.deviceId };
}
