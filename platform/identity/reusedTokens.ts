/**
 * Signed internal tokens reused for a few seconds, so the gateway signs one token per session and
 * subgraph rather than one per fetch, and a center one credential per customer and callee rather
 * than one per call. Tokens live 60 seconds, so one reused for at most `reuseForMs` still has most
 * of its life left when the callee checks it — and the callee, which remembers verified tokens by
 * their exact string, checks a reused one only once.
 */
import type { Clock } from '../clock';
import { expiringCache } from '../expiringCache';

export interface ReusedTokensOptions<Subject> {
  clock: Clock;
  sign(subject: Subject, clock: Clock): Promise<string>;
  /**
   * Every field that goes into the token must be in the key: two subjects share a token only if
   * signing either would give the same claims.
   */
  keyOf(subject: Subject): string;
  /** How long one signed token is reused. Default 5 s; keep it well inside the token's life. */
  reuseForMs?: number;
  /** Entries kept, the least recently used going first (one per active identity). Default 10,000. */
  maxEntries?: number;
}

export function reusedTokens<Subject>(options: ReusedTokensOptions<Subject>): (subject: Subject) => Promise<string> {
  const reuseForMs = options.reuseForMs ?? 5_000;
  const tokens = expiringCache<Promise<string>>(options.maxEntries ?? 10_000);
  return (subject) => {
    const now = options.clock.now().getTime();
    const key = options.keyOf(subject);
    const cached = tokens.get(key, now);
    if (cached) return cached;
    const token = options.sign(subject, options.clock);
    tokens.set(key, token, now, now + reuseForMs);
    // A failed signing is not remembered; a newer token signed since then is left alone.
    token.catch(() => tokens.delete(key, token));
    return token;
  };
}
