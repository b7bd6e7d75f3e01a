/**
 * Internal credentials this process has already verified. The gateway reuses one signed token per
 * identity for a few seconds, so a center sees the same token string request after request;
 * checking its HMAC again (jose through WebCrypto) each time was a few percent of a busy center's
 * CPU. A token is trusted without a second check only while it has not expired by the caller's
 * clock. Bounded in count (oldest out first), so a flood of distinct tokens cannot grow memory,
 * and in time (`longestSeconds` after its first check), so a far-future `exp` keeps nothing for long.
 */
export interface VerifiedCredentialsOptions {
  /** Entries kept; the oldest goes to make room for a new one. */
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

export function verifiedCredentials<Value>(options: VerifiedCredentialsOptions): VerifiedCredentials<Value> {
  const entries = new Map<string, { value: Value; verifiedAt: number; trustedUntil: number }>();
  return {
    recall(token, nowSeconds) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      // A clock moved backwards (tests) counts as stale too: the token is simply checked again.
      if (nowSeconds >= entry.verifiedAt && nowSeconds < entry.trustedUntil) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token, value, expiresAt, nowSeconds) {
      const trustedUntil = Math.min(expiresAt, nowSeconds + options.longestSeconds);
      if (trustedUntil <= nowSeconds) return;
      if (!entries.has(token) && entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(token, { value, verifiedAt: nowSeconds, trustedUntil });
    },
    get size() {
      return entries.size;
    },
  };
}
