/**
 * `RESPONSE_CACHE` (`on`/`off`) and `RESPONSE_CACHE_TTL_SECONDS`. On by default, except under
 * Jest: suites move the platform's clock and count SQL statements, so the tests that are about
 * the cache turn it on themselves.
 */
export function responseCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.RESPONSE_CACHE?.toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return env.JEST_WORKER_ID === undefined;
}

export function responseCacheTtlSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.RESPONSE_CACHE_TTL_SECONDS ?? 60);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : 60;
}
