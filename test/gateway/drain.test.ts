import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'undici';
import { join } from 'node:path';
import { CENTERS } from '../../platform/centers';
import { projectRoot } from '../../platform/paths';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { startSubgraphProxy, SubgraphProxy } from './support/subgraphProxy';

/**
 * SIGTERM on a gateway process: readiness turns off while it keeps serving, each answer `Connection: close`; then
 * (here: at a second SIGTERM, which ends the wait) it stops accepting, the requests in flight finish, and it exits 0.
 */
let platform: TestPlatform;
let product: SubgraphProxy;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  product = await startSubgraphProxy(platform.centers.product!.url);
  // Development, so the ten ad-hoc operations below run (under test a gateway process runs trusted documents only).
  // A drain wait no test outlives: the second SIGTERM ends it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'silent',
    SHUTDOWN_DRAIN_MS: '600000',
    // However slow a busy machine makes the released requests, their connections are not cut after the default 10 s.
    SHUTDOWN_GRACE_MS: '600000',
  };
  // Its own rate-limit counts, in process: in a shared Redis, other files' load from 127.0.0.1 would refuse these requests.
  delete env.REDIS_URL;
  delete env.REDIS_CLUSTER_NODES;
  for (const center of CENTERS) env[`${center.toUpperCase()}_URL`] = center === 'product' ? product.url : platform.centers[center]!.url;
  child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/start-gateway.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
  url = (await childPrints(/gateway: (http:\/\/\S+)/))[1]!;
}, 120_000);

/** What the gateway process wrote to stderr, for a failure message. */
let childErrors = '';

/** Resolves when the gateway process has printed a line matching `pattern`. */
function childPrints(pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before printing ${pattern}: ${output}`)));
  });
}

/** Waits for `condition`, or fails after 30 s saying what it waited for (a hang here would say nothing). */
async function until(condition: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after 30 s: ${what()}; gateway stderr: ${childErrors}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await product.close();
  await platform.stop();
});

test('kept-alive 65 s; SIGTERM turns readiness off, serves with Connection: close, drains every in-flight request, exits 0', async () => {
  // Serving, the gateway keeps a connection longer than the ingress in front of it (gateway/frontDoor/publicServer.ts).
  const serving = await request(url.replace('/graphql', '/health/ready'));
  await serving.body.dump();
  expect([serving.statusCode, serving.headers['keep-alive']]).toEqual([200, 'timeout=65']);
  // Ten different operations (the gateway would share identical in-flight fetches), each held at the
  // product center until the gateway has begun to drain: no timing decides what is in flight.
  product.mode = 'hold';
  const inFlight = Array.from({ length: 10 }, (_unused, index) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
      body: JSON.stringify({ query: `query InFlight${index} { products(first: 1) { edges { node { id } } } }` }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any })),
  );
  // A request answered before it reached the product center would leave this wait hanging: fail with its answer.
  const answeredEarly = Promise.race(inFlight).then((answer) => {
    throw new Error(`answered before the product center held it: ${JSON.stringify(answer)}; stderr: ${childErrors}`);
  });
  await Promise.race([
    until(
      () => product.held() === 10,
      () => `${product.held()} of 10 requests held at the product center`,
    ),
    answeredEarly,
  ]);
  answeredEarly.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const draining = childPrints(/SIGTERM: draining/);
  child.kill('SIGTERM');
  await draining;
  // Out of rotation for every caller's next readiness poll, and still serving whoever has not polled yet.
  const ready = await request(url.replace('/graphql', '/health/ready'));
  expect([ready.statusCode, await ready.body.json()]).toEqual([503, { status: 'draining' }]);
  const late = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
    body: JSON.stringify({ query: 'query Late { __typename }' }),
  });
  expect([late.statusCode, late.headers.connection, await late.body.json()]).toEqual([200, 'close', { data: { __typename: 'Query' } }]);
  child.kill('SIGTERM');
  product.release();
  const results = await Promise.all(inFlight);
  expect(results.map((result) => [result.status, result.body.errors, result.body.data?.products.edges.length])).toEqual(
    Array.from({ length: 10 }, () => [200, undefined, 1]),
  );
  const exitCode = await Promise.race([
    exited,
    new Promise<never>((_resolve, reject) =>
      setTimeout(
        () => reject(new Error(`the gateway did not exit 30 s after its in-flight requests ended; stderr: ${childErrors}`)),
        30_000,
      ).unref(),
    ),
  ]);
  // On a failure Jest prints the received object, the gateway's stderr with it.
  expect({ exitCode, stderr: childErrors }).toMatchObject({ exitCode: 0 });
});
