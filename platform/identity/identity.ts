/**
 * Who a subgraph request is from. The gateway verifies the customer's access token and forwards
 * a short-lived internal identity token it signs with its own key; centers calling each other sign
 * a service credential (calling service, customer acted for, scopes) with theirs. Every token names
 * the one center it is for (`aud`). A subgraph refuses anything else. Keys: `internalKeys.ts`.
 */
import { SignJWT, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import type { JWTPayload } from 'jose';
import type { CenterName } from '../centers';
import { isCenterName } from '../centers';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { ErrorCode, bankError } from '../errors';
import { InternalKeyring, Principal, internalKeyring } from './internalKeys';
import type { VerifiedCredentials } from './verifiedCredentials';
import { verifiedCredentials } from './verifiedCredentials';

export const INTERNAL_IDENTITY_HEADER = 'x-internal-identity';

/**
 * Benchmark peers only: a caller that stands in for the gateway sends one credential per subgraph
 * (each names its subgraph as audience) in these headers, and the peer forwards each to its subgraph.
 */
export function forwardedCredentialHeader(subgraph: string): string {
  return `${INTERNAL_IDENTITY_HEADER}-${subgraph}`;
}
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

const GATEWAY_ISSUER = 'gateway';
const SERVICE_ISSUER_PREFIX = 'service:';
const ALGORITHM = 'EdDSA';
/** Internal tokens live for one request; a minute covers clock skew between processes. */
const LIFETIME_SECONDS = 60;

export interface SignOptions {
  /** The center the token is for; every other center refuses it. */
  audience: CenterName;
  clock?: Clock;
  /** Only for benchmarks that hand peer gateways one fixed credential for a whole run. */
  lifetimeSeconds?: number;
  keyring?: InternalKeyring;
}

async function sign(claims: JWTPayload, signer: Principal, issuer: string, subject: string, options: SignOptions): Promise<string> {
  const { kid, privateKey } = (options.keyring ?? internalKeyring()).signingKey(signer);
  const now = Math.floor((options.clock ?? systemClock).now().getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid })
    .setIssuer(issuer)
    .setAudience(options.audience)
    .setSubject(subject)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? LIFETIME_SECONDS))
    .sign(privateKey);
}

/** Signed with the gateway's key: no other process can speak for a customer or a member of staff. */
export function signGatewayIdentity(identity: Omit<GatewayIdentity, 'kind'>, options: SignOptions): Promise<string> {
  const claims = {
    chn: identity.channel,
    sid: identity.sessionId,
    dev: identity.deviceId,
    acr: identity.authLevel,
    ...(identity.roles?.length ? { rol: identity.roles } : {}),
    ...(identity.clientAddress ? { cip: identity.clientAddress } : {}),
  };
  return sign(claims, 'gateway', GATEWAY_ISSUER, identity.userId ?? '', options);
}

/** Signed with the calling center's own key; the callee decides which scopes that center may use. */
export function signServiceCredential(
  identity: Omit<ServiceIdentity, 'kind'>,
  options: Omit<SignOptions, 'lifetimeSeconds'>,
): Promise<string> {
  return sign(
    { scope: identity.scopes.join(' ') },
    identity.service,
    `${SERVICE_ISSUER_PREFIX}${identity.service}`,
    identity.actingFor ?? '',
    options,
  );
}

/** Distinct tokens a center remembers as verified (about one per session active in the last few seconds). */
const REMEMBERED_CREDENTIALS = 10_000;

/**
 * Verified tokens, remembered per keyring and audience: a token checked for one center is never
 * trusted on memory by another center of the same process, nor under another set of keys.
 */
const verifiedByKeyring = new WeakMap<InternalKeyring, Map<CenterName, VerifiedCredentials<Identity>>>();

function verifiedFor(keyring: InternalKeyring, audience: CenterName): VerifiedCredentials<Identity> {
  let byAudience = verifiedByKeyring.get(keyring);
  if (!byAudience) verifiedByKeyring.set(keyring, (byAudience = new Map()));
  let verified = byAudience.get(audience);
  if (!verified) {
    verified = verifiedCredentials<Identity>({ maxEntries: REMEMBERED_CREDENTIALS, longestSeconds: LIFETIME_SECONDS });
    byAudience.set(audience, verified);
  }
  return verified;
}

export interface VerifyOptions {
  /** The center verifying: the token must name it. */
  audience: CenterName;
  clock?: Clock;
  keyring?: InternalKeyring;
}

/**
 * Verifies an internal credential or throws `UNAUTHENTICATED` (HTTP 401). The token must be for
 * `audience`, signed by a trusted key, and claim only what that key's owner may claim (a gateway
 * identity from the gateway's key, a service credential from its own center's key). The same token
 * string is checked cryptographically once and then remembered until it expires by `clock`, so the
 * identity returned is frozen: it may be the very object another request got.
 */
export async function verifyInternalCredential(token: string | undefined, options: VerifyOptions): Promise<Identity> {
  if (!token) throw refused('缺少内部身份凭证');
  const keyring = options.keyring ?? internalKeyring();
  const now = (options.clock ?? systemClock).now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const verified = verifiedFor(keyring, options.audience);
  const remembered = verified.recall(token, nowSeconds);
  if (remembered) return remembered;
  let payload: JWTPayload;
  let signer: Principal;
  try {
    const { kid } = decodeProtectedHeader(token);
    const key = typeof kid === 'string' ? keyring.verificationKey(kid) : undefined;
    if (!key) throw refused('内部身份凭证无效');
    signer = key.owner;
    ({ payload } = await jwtVerify(token, key.publicKey, { audience: options.audience, algorithms: [ALGORITHM], currentDate: now }));
  } catch (error) {
    throw refused(error instanceof joseErrors.JWTExpired ? '内部身份凭证已过期' : '内部身份凭证无效');
  }
  const identity = identityFrom(payload, signer);
  // A token without `exp` (none of ours) is checked every time rather than trusted on memory.
  if (typeof payload.exp === 'number') verified.remember(token, identity, payload.exp, nowSeconds);
  return identity;
}

function identityFrom(payload: JWTPayload, signer: Principal): Identity {
  const subject = payload.sub || undefined;
  if (payload.iss === GATEWAY_ISSUER && signer === 'gateway') {
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
  if (isCenterName(service) && service === signer) {
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    return Object.freeze({ kind: 'service', service, actingFor: subject, scopes: Object.freeze(scope ? scope.split(' ') : []) });
  }
  throw refused('内部身份凭证无效');
}

function refused(message: string) {
  return bankError(ErrorCode.Unauthenticated, message, { httpStatus: 401 });
}
