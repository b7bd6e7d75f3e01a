/**
 * The Redis a test talks to. Importing this module is what puts a test file in the `redis` Jest
 * project (see jest.config.js), which `npm test` skips, saying so, when no Redis is configured.
 */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: the redis project runs only where Redis is configured (npm test skips it)');
  return url;
}
