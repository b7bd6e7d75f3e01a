export { PUBLIC_CATALOGUE, isCatalogueOnly } from './catalogueScope';
export type { CatalogueScope } from './catalogueScope';
export { responseCacheKey, stableJson } from './cacheKey';
export { createResponseCacheStore, memoryResponseCacheStore, redisResponseCacheStore } from './cacheStore';
export type { ResponseCacheStore } from './cacheStore';
export { CACHE_STATUS_HEADER, responseCachePlugin } from './responseCachePlugin';
export type { ResponseCachePluginOptions } from './responseCachePlugin';
export { responseCacheEnabled, responseCacheTtlSeconds } from './settings';
