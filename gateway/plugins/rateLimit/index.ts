export { createRateLimiter } from './limiter';
export type { RateCheck, RateDecision, RateLimiter } from './limiter';
export { PRODUCTION_RATE_LIMITS, SENSITIVE_FIELDS, defaultRateLimitPolicy } from './policy';
export type { RateBucket, RateLimitPolicy } from './policy';
export { rateLimitPlugin, rateLimited } from './rateLimitPlugin';
