export { createRateLimiter } from './limiter';
export type { RateCheck, RateDecision, RateLimiter } from './limiter';
export { PRODUCTION_RATE_LIMITS, defaultRateLimitPolicy } from './policy';
export type { RateBucket, RateLimitPolicy } from './policy';
export { rateLimitPlugin, rateLimited } from './rateLimitPlugin';
export { SENSITIVE_DIRECTIVE, rootFieldCoordinate, sensitiveRootFields, sensitiveRootFieldsOf } from './sensitiveFields';
export type { RootFieldCoordinate, SupergraphLoads } from './sensitiveFields';
