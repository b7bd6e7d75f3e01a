/**
 * Internal credentials this process has already verified. The gateway reuses one signed token per
 * identity for a few seconds, so a center sees the same token string request after request and
 * checks its signature once. A token is trusted without a second check only while it has not
 * expired by the caller's clock, and for at most `longestSeconds` after its first check, so a
 * far-future `exp` keeps nothing for long. Bounded in count (`../expiringCache.ts`), so a flood of
 * distinct tokens cannot grow memory.
 */
import { expiringCache } from '../expiringCache';

export interface VerifiedCredentialsOptions {
  /** Entries kept; the least recently used goes to make room for a new one. */
  maxEntries: number;
  /** Longest an entry is trusted after its first check, whatever the token's `exp` says. */
  longestSeconds: number;
}

export interface VerifiedCredentials<Value> {
  /** The value remembered for `token` while it is still good at `nowSeconds`; a stale entry is dropped. */
  recall(token: string, nowSeconds: number): Value | undefined;
  /** Remembers a token that has just passed verification at `nowSeconds` and expires at `expiresAt` (both epoch seconds). */
  remember(token: string, value: Value, expiresAt: number, nowSeconds: number): void;
  readonly size: number;
}

export function verifiedCredentials<Value extends object | string>(options: VerifiedCredentialsOptions): VerifiedCredentials<Value> {
  const entries = expiringCache<Value>(options.maxEntries);
  return {
    recall: (token, nowSeconds) => entries.get(token, nowSeconds * 1000),
    remember(token, value, expiresAt, nowSeconds) {
      entries.set(token, value, nowSeconds * 1000, Math.min(expiresAt, nowSeconds + options.longestSeconds) * 1000);
    },
    get size() {
      return entries.size;
    },
  };
}
