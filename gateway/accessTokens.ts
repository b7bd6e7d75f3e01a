/**
 * Verifies customers' access tokens (ES256 JWTs issued by the auth center) against the auth
 * center's published JWKS, which is fetched once and refreshed when an unknown `kid` appears.
 */
import { createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import type { Clock } from '../subgraphs/kit/clock';
import { ErrorCode, bankError } from '../subgraphs/kit/errors';
import { ChannelName, GatewayIdentity, isChannel, isStaffRole } from '../subgraphs/kit/identity';

const ISSUER = 'bank-auth';
const AUDIENCE = 'bank-gateway';

export type AccessTokenVerifier = (token: string) => Promise<Omit<GatewayIdentity, 'kind'>>;

export function createAccessTokenVerifier(jwksUrl: string, clock: Clock): AccessTokenVerifier {
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
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
    return {
      channel: channel as ChannelName,
      userId: payload.sub,
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      deviceId: typeof payload.dev === 'string' ? payload.dev : undefined,
      authLevel: typeof payload.acr === 'number' ? payload.acr : 1,
      // Staff roles count only on a staff (OPS) token; a customer token never carries any.
      ...(channel === 'OPS' && Array.isArray(payload.rol) ? { roles: payload.rol.filter(isStaffRole) } : {}),
    };
  };
}

/** `Authorization: Bearer <token>`; anything else in the header is a malformed credential. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization === '') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!match) throw bankError(ErrorCode.Unauthenticated, '登录凭证格式不正确', { httpStatus: 401 });
  return match[1];
}
