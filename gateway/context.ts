import type { IncomingMessage } from 'node:http';
import type { GatewayIdentity } from '../subgraphs/kit/identity';
import { ErrorCode, bankError } from '../subgraphs/kit/errors';
import { headerValue } from '../subgraphs/kit/server/http';
import { AccessTokenVerifier, bearerToken } from './accessTokens';
import { channelOf } from './channel';

export interface GatewayContext {
  identity: Omit<GatewayIdentity, 'kind'>;
}

/**
 * Steps 1 and 2 of the request path: identify the channel, then the customer. A token bound to
 * another channel is refused: a token stolen from the mini-program cannot drive web banking.
 */
export async function createGatewayContext(
  request: IncomingMessage,
  verifyAccessToken: AccessTokenVerifier,
  production: boolean,
): Promise<GatewayContext> {
  const channel = channelOf(request, production);
  const token = bearerToken(headerValue(request, 'authorization'));
  if (!token) return { identity: { channel, authLevel: 0 } };
  const identity = await verifyAccessToken(token);
  if (identity.channel !== channel) {
    throw bankError(ErrorCode.ChannelMismatch, '登录渠道与请求渠道不一致', { httpStatus: 403 });
  }
  return { identity };
}
