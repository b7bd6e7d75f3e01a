/** Retry delays for at-least-once delivery: exponential from `baseMs`, capped, with jitter so retries spread. */
export function retryDelayMs(attempt: number, options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 10 * 60_000;
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  // Full jitter over the upper half: never sooner than half the delay.
  return Math.round(exponential / 2 + (options.random ?? Math.random)() * (exponential / 2));
}
