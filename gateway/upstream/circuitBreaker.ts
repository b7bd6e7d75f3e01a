/**
 * A circuit breaker per subgraph. After `failureThreshold` consecutive failures the circuit
 * opens: calls fail at once (no waiting on a dead center, no pile-up of sockets) until
 * `resetAfterMs` has passed; then one trial call is let through (half-open) and its outcome
 * closes or re-opens the circuit.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses before a trial call. Default 10 s. */
  resetAfterMs?: number;
  now?: () => number;
  onStateChange?: (state: CircuitState) => void;
}

export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly failureThreshold: number;
  private readonly resetAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.resetAfterMs = options.resetAfterMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get current(): CircuitState {
    return this.state;
  }

  /** Whether a call may go out now; in half-open only the single trial may. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (this.now() - this.openedAt < this.resetAfterMs) return false;
      this.transition('half-open');
    }
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.state !== 'closed') this.transition('closed');
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.failureThreshold) {
      this.openedAt = this.now();
      if (this.state !== 'open') this.transition('open');
    }
  }

  private transition(state: CircuitState): void {
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
