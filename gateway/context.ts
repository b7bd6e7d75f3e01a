import type { IncomingMessage } from 'node:http';
import type { GatewayIdentity } from '../platform/identity/identity';
import { ErrorCode, bankError } from '../platform/errors';
import { headerValue } from '../platform/http/server';
import { AccessTokenVerifier, bearerToken } from './identity/accessTokens';
import { channelOf } from './identity/channel';
import { assertClientVersionSupported } from './identity/clientVersions';
import type { SessionRevocationStore } from '../platform/redis/sessionRevocation';
import { currentRequest } from '../platform/observability/requestScope';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from './frontDoor/clientAddress';

export interface GatewayContext {
  identity: Omit<GatewayIdentity, 'kind'>;
}

/**
 * Steps 1 and 2 of the request path: identify the channel (and refuse outdated clients), then the
 * customer. A token bound to another channel is refused: a token stolen from the mini-program
 * cannot drive web banking. A token of a revoked session is refused on every gateway process.
 * The client address forwarded to the centers (sign-in failure counters, the changed-address risk
 * rule, audit) is the one resolved through the trusted proxies, never the socket's peer: behind a
 * load balancer the peer is the balancer, the same for every customer.
 */
export async function createGatewayContext(
  request: IncomingMessage,
  verifyAccessToken: AccessTokenVerifier,
  production: boolean,
  revocations?: SessionRevocationStore,
  trustedProxies: TrustedProxies = parseTrustedProxies(undefined),
): Promise<GatewayContext> {
  const channel = channelOf(request, production);
  assertClientVersionSupported(request, channel);
  // The front door resolved it already; a gateway without one (the benchmark's bare peer) resolves it here.
  const address = currentRequest()?.clientAddress ?? clientAddress(request, trustedProxies);
  const token = bearerToken(headerValue(request, 'authorization'));
  if (!token) return { identity: { channel, authLevel: 0, clientAddress: address } };
  const identity = await verifyAccessToken(token);
  if (identity.channel !== channel) {
    throw bankError(ErrorCode.ChannelMismatch, '登录渠道与请求渠道不一致', { httpStatus: 403 });
  }
  if (identity.sessionId && revocations && (await revocations.isRevoked(identity.sessionId))) {
    throw bankError(ErrorCode.Unauthenticated, '登录已失效，请重新登录', { httpStatus: 401 });
  }
  return { identity: { ...identity, clientAddress: address } };
}
