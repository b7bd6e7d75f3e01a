/**
 * Signed internal tokens reused for a few seconds. Signing is an HMAC through WebCrypto (jose),
 * which showed in the CPU profiles of both the gateway (one token per subgraph fetch) and the
 * centers (one per center-to-center call). Tokens live 60 seconds, so one reused for at most
 * `reuseForMs` still has most of its life left when the callee checks it — and the callee, which
 * remembers verified tokens by their exact string, checks a reused one only once.
 */
import type { Clock } from '../clock';

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
  /** Entries kept before the map starts over (one per active identity). Default 10,000. */
  maxEntries?: number;
}

export function reusedTokens<Subject>(options: ReusedTokensOptions<Subject>): (subject: Subject) => Promise<string> {
  const reuseForMs = options.reuseForMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const tokens = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (subject) => {
    const now = options.clock.now().getTime();
    const key = options.keyOf(subject);
    const cached = tokens.get(key);
    // A clock moved backwards (tests) counts as expired too.
    if (cached && now >= cached.signedAt && now - cached.signedAt < reuseForMs) return cached.token;
    // Starting over is cheaper than tracking age order, and costs only one signing per identity still active.
    if (tokens.size >= maxEntries) tokens.clear();
    const token = options.sign(subject, options.clock);
    const entry = { token, signedAt: now };
    tokens.set(key, entry);
    // A failed signing is not remembered; a newer entry signed since then is left alone.
    token.catch(() => {
      if (tokens.get(key) === entry) tokens.delete(key);
    });
    return token;
  };
}
