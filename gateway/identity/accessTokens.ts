/**
 * Verifies customers' access tokens (ES256 JWTs issued by the auth center) against the auth
 * center's published JWKS (`authKeySet.ts`: refreshed every cache period by the gateway's clock,
 * and when an unknown `kid` appears).
 */
import { jwtVerify, errors as joseErrors } from 'jose';
import type { Clock } from '../../platform/clock';
import { expiringCache } from '../../platform/expiringCache';
import { ErrorCode, bankError } from '../../platform/errors';
import { ChannelName, GatewayIdentity, isChannel, isStaffRole } from '../../platform/identity/identity';
import { AuthKeySet, createAuthKeySet } from './authKeySet';

const ISSUER = 'bank-auth';
const AUDIENCE = 'bank-gateway';

export type AccessTokenVerifier = (token: string) => Promise<Omit<GatewayIdentity, 'kind'>>;

/** Verified tokens remembered per process; a customer's app sends the same token for minutes. */
const VERIFIED_CACHE_SIZE = 10_000;
/**
 * A verified token is re-verified after at most this long even before it expires, so a signing key
 * withdrawn from the JWKS stops being honoured within about the same time as the key set's own
 * refresh would stop it.
 */
const VERIFIED_CACHE_MS = 60_000;

type VerifiedIdentity = Omit<GatewayIdentity, 'kind'>;

export function createAccessTokenVerifier(jwksUrl: string, clock: Clock): AccessTokenVerifier {
  const keys = createAuthKeySet(jwksUrl, clock);
  // ES256 verification is the most expensive step of an authenticated request; the same token
  // arrives on every request of a session. Only successes are remembered (a forged or expired token
  // is checked, and refused, every time), until the token's own expiry by the gateway's clock or
  // VERIFIED_CACHE_MS, whichever comes first. Revocation is not cached: the caller checks the
  // session on every request, cached token or not.
  const verified = expiringCache<VerifiedIdentity>(VERIFIED_CACHE_SIZE);
  return async (token) => {
    const now = clock.now().getTime();
    const cached = verified.get(token, now);
    if (cached) return cached;
    const { identity, expiresAt } = await verifyOnce(token, keys, clock);
    if (expiresAt !== undefined) verified.set(token, identity, now, Math.min(expiresAt, now + VERIFIED_CACHE_MS));
    return identity;
  };
}

async function verifyOnce(token: string, keys: AuthKeySet, clock: Clock): Promise<{ identity: VerifiedIdentity; expiresAt?: number }> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.getKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES256'],
      currentDate: clock.now(),
    }));
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw bankError(ErrorCode.Unauthenticated, expired ? '登录已过期，请重新登录' : '登录凭证无效', { httpStatus: 401 });
  }
  const channel = String(payload.chn);
  if (!payload.sub || !isChannel(channel)) {
    throw bankError(ErrorCode.Unauthenticated, '登录凭证无效', { httpStatus: 401 });
  }
  const identity: VerifiedIdentity = {
    channel: channel as ChannelName,
    userId: payload.sub,
    sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
    deviceId: typeof payload.dev === 'string' ? payload.dev : undefined,
    authLevel: typeof payload.acr === 'number' ? payload.acr : 1,
    // Staff roles count only on a staff (OPS) token; a customer token never carries any.
    ...(channel === 'OPS' && Array.isArray(payload.rol)
      ? { roles: Object.freeze(payload.rol.filter(isStaffRole)) as VerifiedIdentity['roles'] }
      : {}),
  };
  // Shared by every request that presents the same token: nobody may change it.
  Object.freeze(identity);
  // A token without `exp` is verified every time rather than remembered.
  return { identity, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined };
}

/** `Authorization: Bearer <token>`; anything else in the header is a malformed credential. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization === '') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!match) throw bankError(ErrorCode.Unauthenticated, '登录凭证格式不正确', { httpStatus: 401 });
  return match[1];
}
