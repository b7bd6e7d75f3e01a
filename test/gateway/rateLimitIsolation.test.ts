import { startTestPlatform, TestPlatform } from '../support/platform';
import { testRedisUrl } from '../support/redis';

/**
 * Test platforms of different files run at once (three integration workers) and, where REDIS_URL is set, count rate
 * limits in one Redis. Every caller there is 127.0.0.1, so with one shared key prefix a file that sends hundreds of
 * requests (a rolling restart under load) used up the address budget of the file beside it, whose requests were then
 * refused with RATE_LIMITED: a test that passes alone and fails in the full run. Each platform counts under its own
 * prefix unless a test shares one on purpose (test/gateway/rateLimit.test.ts).
 */
const policy = { address: { points: 2, durationSeconds: 60 } };
let busy: TestPlatform;
let quiet: TestPlatform;

beforeAll(async () => {
  // The harness's default, as in the integration project on a machine with Redis: the gateway takes REDIS_URL.
  expect(testRedisUrl()).toBe(process.env.REDIS_URL);
  busy = await startTestPlatform({ centers: [], gateway: { rateLimit: policy } });
  quiet = await startTestPlatform({ centers: [], gateway: { rateLimit: policy } });
});
afterAll(async () => {
  await busy.stop();
  await quiet.stop();
});

async function status(platform: TestPlatform): Promise<number> {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await response.arrayBuffer();
  return response.status;
}

test("one test platform's traffic does not use up another's rate-limit budget in the shared Redis", async () => {
  const busyStatuses = [await status(busy), await status(busy), await status(busy)];
  expect(busyStatuses).toEqual([200, 200, 429]);
  expect(await status(quiet)).toBe(200);
});
