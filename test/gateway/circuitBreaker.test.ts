import { CircuitBreaker, CircuitState } from '../../gateway/upstream';

/** Closed → open after consecutive failures → one trial after the pause → closed or open again. */
test('opens, lets one trial through after the pause, and closes on its success', () => {
  let now = 0;
  const states: CircuitState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    resetAfterMs: 1_000,
    now: () => now,
    onStateChange: (state) => states.push(state),
  });
  breaker.failure();
  breaker.success(); // a success resets the count: failures must be consecutive
  breaker.failure();
  breaker.failure();
  expect(breaker.allow()).toBe(true);
  breaker.failure();
  expect(breaker.current).toBe('open');
  expect(breaker.allow()).toBe(false);
  now = 1_000;
  expect(breaker.allow()).toBe(true);
  expect(breaker.current).toBe('half-open');
  expect(breaker.allow()).toBe(false); // only one trial at a time
  breaker.success();
  expect(breaker.current).toBe('closed');
  expect(states).toEqual(['open', 'half-open', 'closed']);
});

test('a failed trial re-opens for another full pause', () => {
  let now = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 1, resetAfterMs: 500, now: () => now });
  breaker.failure();
  now = 500;
  expect(breaker.allow()).toBe(true);
  breaker.failure();
  expect(breaker.current).toBe('open');
  now = 900;
  expect(breaker.allow()).toBe(false);
  now = 1_000;
  expect(breaker.allow()).toBe(true);
});
