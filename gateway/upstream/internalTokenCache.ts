/**
 * The signed internal identity of a session, reused for a few seconds. A home screen fans out
 * into five or more subgraph fetches; signing a token for each would be the largest single cost
 * the gateway adds per fetch. The token lives 60 seconds, so one reused for at most `reuseForMs`
 * still has most of its life left when a center checks it.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { GatewayIdentity, signGatewayIdentity } from '../../platform/identity/identity';
import { reusedTokens } from '../../platform/identity/reusedTokens';

export interface InternalTokenCacheOptions {
  clock: Clock;
  /** The subgraph the tokens are for (their `aud`): one cache per subgraph data source. */
  audience: CenterName;
  /** How long one signed token is reused. Default 5 s. */
  reuseForMs?: number;
  /** Entries kept, the least recently used going first (one per active session). Default 10,000. */
  maxEntries?: number;
}

export function internalTokenCache(options: InternalTokenCacheOptions): (identity: Omit<GatewayIdentity, 'kind'>) => Promise<string> {
  return reusedTokens<Omit<GatewayIdentity, 'kind'>>({
    ...options,
    sign: (identity, clock) => signGatewayIdentity(identity, { audience: options.audience, clock }),
    // Every field that goes into the token, JSON-encoded so that no value can run into the next one
    // (the audience is fixed per cache).
    keyOf: (identity) =>
      JSON.stringify([
        identity.channel,
        identity.userId,
        identity.sessionId,
        identity.deviceId,
        identity.authLevel,
        identity.roles,
        identity.clientAddress,
      ]),
  });
}
