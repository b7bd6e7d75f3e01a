/**
 * The signed internal identity of a session, reused for a few seconds. A home screen fans out
 * into five or more subgraph fetches, each of which used to sign its own token (an HMAC through
 * WebCrypto, the largest single cost the gateway added per fetch). The token lives 60 seconds, so
 * one reused for at most `reuseForMs` still has most of its life left when a center checks it.
 */
import type { Clock } from '../subgraphs/kit/clock';
import { GatewayIdentity, signGatewayIdentity } from '../subgraphs/kit/identity';

export interface InternalTokenCacheOptions {
  clock: Clock;
  /** How long one signed token is reused. Default 5 s. */
  reuseForMs?: number;
  /** Entries kept before the cache starts over (one per active session). Default 10,000. */
  maxEntries?: number;
}

export function internalTokenCache(options: InternalTokenCacheOptions) {
  const reuseForMs = options.reuseForMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const tokens = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (identity: Omit<GatewayIdentity, 'kind'>): Promise<string> => {
    const now = options.clock.now().getTime();
    // Every field that goes into the token is in the key: two identities share a token only if it would be the same token.
    const key = `${identity.channel}|${identity.userId ?? ''}|${identity.sessionId ?? ''}|${identity.deviceId ?? ''}|${identity.authLevel}|${identity.roles?.join(',') ?? ''}|${identity.clientAddress ?? ''}`;
    const cached = tokens.get(key);
    // A clock moved backwards (tests) counts as expired too.
    if (cached && now >= cached.signedAt && now - cached.signedAt < reuseForMs) return cached.token;
    if (tokens.size >= maxEntries) tokens.clear();
    const token = signGatewayIdentity(identity, options.clock);
    tokens.set(key, { token, signedAt: now });
    token.catch(() => tokens.delete(key));
    return token;
  };
}
