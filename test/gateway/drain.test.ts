import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CENTERS } from '../../platform/centers';
import { projectRoot } from '../../platform/paths';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { startSubgraphProxy, SubgraphProxy } from './support/subgraphProxy';

/** SIGTERM on a gateway process: requests in flight finish, then the process exits cleanly. */
let platform: TestPlatform;
let product: SubgraphProxy;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  product = await startSubgraphProxy(platform.centers.product!.url);
  product.mode = 'delay';
  product.delayMs = 1_000;
  const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: '0', LOG_LEVEL: 'silent' };
  for (const center of CENTERS) env[`${center.toUpperCase()}_URL`] = center === 'product' ? product.url : platform.centers[center]!.url;
  child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/start-gateway.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /gateway: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code}): ${output}`)));
  });
}, 60_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await product.close();
  await platform.stop();
});

test('SIGTERM drains every in-flight request, then exits 0', async () => {
  const inFlight = Array.from({ length: 10 }, () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
      body: JSON.stringify({ query: '{ products(first: 1) { edges { node { id } } } }' }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any })),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const results = await Promise.all(inFlight);
  expect(results.map((result) => [result.status, result.body.errors, result.body.data?.products.edges.length])).toEqual(
    Array.from({ length: 10 }, () => [200, undefined, 1]),
  );
  expect(await exited).toBe(0);
});
