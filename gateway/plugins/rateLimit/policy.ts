/** How much each caller may do; per bucket a number of requests per window. */
export interface RateBucket {
  points: number;
  durationSeconds: number;
}

export interface RateLimitPolicy {
  /** Every request from one client address, counted before the body is even parsed. */
  address: RateBucket;
  /** Every request by one signed-in customer, whatever address it comes from. */
  customer: RateBucket;
  /** All callers of one channel together, so a storm on one channel cannot starve the others. */
  channel: RateBucket;
  /** One operation by one caller (the customer, else the address). */
  operation: RateBucket;
  /**
   * Sign-in, SMS, step-up and money movement, per caller and root field: far stricter. Which root
   * fields count is marked `@sensitive` in the centers' SDL (sensitiveFields.ts).
   */
  sensitive: RateBucket;
}

export type RateBucketName = keyof RateLimitPolicy;

export const PRODUCTION_RATE_LIMITS: RateLimitPolicy = {
  address: { points: 600, durationSeconds: 60 },
  customer: { points: 300, durationSeconds: 60 },
  channel: { points: 50_000, durationSeconds: 60 },
  operation: { points: 120, durationSeconds: 60 },
  sensitive: { points: 10, durationSeconds: 60 },
};

/**
 * Test suites sign in dozens of times from 127.0.0.1 within a minute; under Jest
 * (NODE_ENV=test) the default is a thousand times looser so only the rate-limit tests, which
 * pass their own policy, ever trip it. `RATE_LIMIT_SCALE` multiplies every bucket (load tests).
 */
export function defaultRateLimitPolicy(env: NodeJS.ProcessEnv = process.env): RateLimitPolicy {
  const scale = Number(env.RATE_LIMIT_SCALE) > 0 ? Number(env.RATE_LIMIT_SCALE) : env.NODE_ENV === 'test' ? 1000 : 1;
  if (scale === 1) return PRODUCTION_RATE_LIMITS;
  const loosen = (bucket: RateBucket): RateBucket => ({ ...bucket, points: Math.ceil(bucket.points * scale) });
  const p = PRODUCTION_RATE_LIMITS;
  return {
    ...p,
    address: loosen(p.address),
    customer: loosen(p.customer),
    channel: loosen(p.channel),
    operation: loosen(p.operation),
    sensitive: loosen(p.sensitive),
  };
}
