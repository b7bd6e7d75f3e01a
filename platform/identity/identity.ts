/**
 * Who a subgraph request is from. The gateway verifies the customer's access token and forwards
 * a short-lived internal identity token it signs; centers calling each other sign a service
 * credential (calling service, customer acted for, scopes). A subgraph refuses anything else.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { JWTPayload } from 'jose';
import type { CenterName } from '../centers';
import { isCenterName } from '../centers';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { ErrorCode, bankError } from '../errors';
import { loadSecret } from '../secrets';
import type { VerifiedCredentials } from './verifiedCredentials';
import { verifiedCredentials } from './verifiedCredentials';

export const INTERNAL_IDENTITY_HEADER = 'x-internal-identity';
export const CHANNELS = ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI', 'OPS'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export function isChannel(value: string): value is ChannelName {
  return (CHANNELS as readonly string[]).includes(value);
}

/** A request that came through the gateway; `userId` is absent before sign-in. */
export interface GatewayIdentity {
  kind: 'gateway';
  channel: ChannelName;
  userId?: string;
  sessionId?: string;
  deviceId?: string;
  /** Authentication level of the session (1 = password, 2 = password + second factor). */
  authLevel: number;
  /** Staff roles (OPS channel only); customers never hold any. */
  roles?: readonly StaffRole[];
  /** The client's network address as the gateway saw it (risk rules, per-address failure counts). */
  clientAddress?: string;
}

export const STAFF_ROLES = ['OPERATOR', 'RISK_ANALYST', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return (STAFF_ROLES as readonly unknown[]).includes(value);
}

/** A center calling another center. */
export interface ServiceIdentity {
  kind: 'service';
  service: CenterName;
  /** The customer the call is made for, when there is one. */
  actingFor?: string;
  scopes: readonly string[];
}

export type Identity = GatewayIdentity | ServiceIdentity;

const AUDIENCE = 'bank-subgraphs';
const GATEWAY_ISSUER = 'gateway';
const SERVICE_ISSUER_PREFIX = 'service:';
/** Internal tokens live for one request; a minute covers clock skew between processes. */
const LIFETIME_SECONDS = 60;

function key(): Uint8Array {
  return loadSecret('INTERNAL_TOKEN_SECRET');
}

/** `lifetimeSeconds` is for benchmarks that hand peer gateways one fixed credential for a whole run. */
export async function signGatewayIdentity(
  identity: Omit<GatewayIdentity, 'kind'>,
  clock: Clock = systemClock,
  lifetimeSeconds: number = LIFETIME_SECONDS,
): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({
    chn: identity.channel,
    sid: identity.sessionId,
    dev: identity.deviceId,
    acr: identity.authLevel,
    ...(identity.roles?.length ? { rol: identity.roles } : {}),
    ...(identity.clientAddress ? { cip: identity.clientAddress } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.userId ?? '')
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key());
}

export async function signServiceCredential(identity: Omit<ServiceIdentity, 'kind'>, clock: Clock = systemClock): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({ scope: identity.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(`${SERVICE_ISSUER_PREFIX}${identity.service}`)
    .setAudience(AUDIENCE)
    .setSubject(identity.actingFor ?? '')
    .setIssuedAt(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(key());
}

/** Distinct tokens a center remembers as verified (about one per session active in the last few seconds). */
const REMEMBERED_CREDENTIALS = 10_000;

/**
 * Verified tokens, remembered per key: a token checked under one secret is never trusted on memory
 * once the key in use is another (`loadSecret` hands out the same key object for the life of a process).
 */
const verifiedUnderKey = new WeakMap<Uint8Array, VerifiedCredentials<Identity>>();

function verifiedWith(secret: Uint8Array): VerifiedCredentials<Identity> {
  let verified = verifiedUnderKey.get(secret);
  if (!verified) {
    verified = verifiedCredentials<Identity>({ maxEntries: REMEMBERED_CREDENTIALS, longestSeconds: LIFETIME_SECONDS });
    verifiedUnderKey.set(secret, verified);
  }
  return verified;
}

/**
 * Verifies an internal credential or throws `UNAUTHENTICATED` (HTTP 401). The same token string is
 * checked cryptographically once and then remembered until it expires by `clock`, so the identity
 * returned is frozen: it may be the very object another request got.
 */
export async function verifyInternalCredential(token: string | undefined, clock: Clock = systemClock): Promise<Identity> {
  if (!token) throw refused('缺少内部身份凭证');
  const now = clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const secret = key();
  const verified = verifiedWith(secret);
  const remembered = verified.recall(token, nowSeconds);
  if (remembered) return remembered;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    }));
  } catch (error) {
    throw refused(error instanceof joseErrors.JWTExpired ? '内部身份凭证已过期' : '内部身份凭证无效');
  }
  const identity = identityFrom(payload);
  // A token without `exp` (none of ours) is checked every time rather than trusted on memory.
  if (typeof payload.exp === 'number') verified.remember(token, identity, payload.exp, nowSeconds);
  return identity;
}

function identityFrom(payload: JWTPayload): Identity {
  const subject = payload.sub || undefined;
  if (payload.iss === GATEWAY_ISSUER) {
    const channel = String(payload.chn);
    if (!isChannel(channel)) throw refused('内部身份凭证无效');
    return Object.freeze({
      kind: 'gateway',
      channel,
      userId: subject,
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      deviceId: typeof payload.dev === 'string' ? payload.dev : undefined,
      authLevel: typeof payload.acr === 'number' ? payload.acr : 0,
      ...(typeof payload.cip === 'string' ? { clientAddress: payload.cip } : {}),
      // Roles only ever count on the staff channel.
      ...(channel === 'OPS' && Array.isArray(payload.rol) ? { roles: Object.freeze(payload.rol.filter(isStaffRole)) } : {}),
    });
  }
  const service = payload.iss?.startsWith(SERVICE_ISSUER_PREFIX) ? payload.iss.slice(SERVICE_ISSUER_PREFIX.length) : '';
  if (isCenterName(service)) {
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    return Object.freeze({ kind: 'service', service, actingFor: subject, scopes: Object.freeze(scope ? scope.split(' ') : []) });
  }
  throw refused('内部身份凭证无效');
}

function refused(message: string) {
  return bankError(ErrorCode.Unauthenticated, message, { httpStatus: 401 });
}
