/**
 * The auth center's published access-token keys (JWKS), as the gateway holds them: fetched once,
 * fetched again when the copy is older than the JWKS cache period (so a withdrawn key stops being
 * honoured and a newly published one is known before it signs), and at once when a token names a
 * `kid` the copy lacks (at most once per cooldown, so forged `kid`s cannot flood the auth center).
 *
 * Ages are measured with the gateway's injectable clock, not the wall clock, so rotation and
 * withdrawal are tested by moving time.
 */
import { createLocalJWKSet, errors as joseErrors, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../platform/clock';
import { pooledHttpClient } from '../../platform/http/pooledHttp';

/** The auth center's JWKS `cache-control: max-age` (subgraphs/auth/service/keyRing.ts, JWKS_CACHE_SECONDS). */
export const KEY_SET_MAX_AGE_MS = 300_000;
/** Least time between two fetches caused by an unknown `kid`. */
export const UNKNOWN_KID_COOLDOWN_MS = 30_000;
const FETCH_TIMEOUT_MS = 5_000;
/** `jwksUrl` may name several auth replicas (platform/http/replicaTargets.ts): any ready one answers. */
const http = pooledHttpClient({ connectionsPerOrigin: 2 });

export interface AuthKeySet {
  /** For `jwtVerify`: the key a token's header names. */
  getKey: JWTVerifyGetKey;
}

export function createAuthKeySet(jwksUrl: string, clock: Clock): AuthKeySet {
  let current: { keys: JWTVerifyGetKey; fetchedAt: number } | undefined;
  let inFlight: Promise<JWTVerifyGetKey> | undefined;

  // One fetch at a time, shared by every request waiting on it.
  const refresh = (): Promise<JWTVerifyGetKey> => {
    inFlight ??= (async () => {
      try {
        const response = await http.request(jwksUrl, {
          method: 'GET',
          headers: { accept: 'application/json' },
          timeoutMs: FETCH_TIMEOUT_MS,
        });
        if (response.status !== 200) throw new Error(`JWKS answered HTTP ${response.status}`);
        const keys = createLocalJWKSet(JSON.parse(response.body.toString('utf8')) as JSONWebKeySet);
        current = { keys, fetchedAt: clock.now().getTime() };
        return keys;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const fresh = async (): Promise<JWTVerifyGetKey> => {
    const now = clock.now().getTime();
    // A clock moved backwards (tests) counts as stale too.
    if (!current || now - current.fetchedAt >= KEY_SET_MAX_AGE_MS || now < current.fetchedAt) return refresh();
    return current.keys;
  };

  return {
    getKey: async (header, token) => {
      const keys = await fresh();
      try {
        return await keys(header, token);
      } catch (error) {
        if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
        if (current && clock.now().getTime() - current.fetchedAt < UNKNOWN_KID_COOLDOWN_MS) throw error;
        return (await refresh())(header, token);
      }
    },
  };
}
