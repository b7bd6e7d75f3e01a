import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startCenter } from '../../subgraphs/kit/server/startCenter';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { lifeCenter } from '../../subgraphs/life/subgraph';

/**
 * A rolling restart of one center: the life center is stopped and started again on the same port
 * while a load of requests that do not touch it runs through the gateway. None of them may fail;
 * requests for billers fail (masked) only while the center is down and work again after.
 */
const [zhang] = DEMO_CUSTOMERS;
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ production: true, gateway: { circuitBreaker: { failureThreshold: 3, resetAfterMs: 200 } } });
});
afterAll(() => platform.stop());

const NOT_LIFE =
  'query Home { me { name accounts { id balance { amount } } limits { period } } products(first: 3) { edges { node { id name } } } }';
const BILLERS = '{ billers { id name } }';

test('restarting the life center under load fails no request that does not touch it', async () => {
  const token = await platform.login(zhang!.mobile);
  expect((await platform.query(BILLERS, { token })).body.errors).toBeUndefined();

  let stop = false;
  const failures: string[] = [];
  let served = 0;
  const worker = async () => {
    while (!stop) {
      const { status, body } = await platform.query<{ me: { name: string; accounts: unknown[] } }>(NOT_LIFE, { token });
      if (status === 200 && !body.errors && body.data?.me.name === zhang!.name && body.data.me.accounts.length === 3) served += 1;
      else failures.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  // Progress, not time, decides each phase: a busy machine only makes it longer.
  const servedAtLeast = async (count: number) => {
    while (served < count && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  await servedAtLeast(10);
  const life = platform.centers.life!;
  await life.stop();
  const servedBeforeStop = served;
  const whileDown = await platform.query(BILLERS, { token });
  expect(whileDown.body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  await servedAtLeast(servedBeforeStop + 10);

  const restarted = await startCenter(lifeCenter, {
    databaseUrl: life.databaseUrl,
    port: life.port,
    clock: platform.clock,
    host: '127.0.0.1',
    production: true,
    runWorkers: false,
  });
  platform.centers.life = restarted;
  const servedWhileDown = served - servedBeforeStop;
  expect(restarted.port).toBe(life.port);
  await servedAtLeast(served + 10);
  stop = true;
  await Promise.all(workers);

  expect(failures).toEqual([]);
  expect(served).toBeGreaterThan(20);
  // The load really ran while the center was down.
  expect(servedWhileDown).toBeGreaterThan(0);
  // Back in service once the breaker lets a call through again.
  let after = await platform.query<{ billers: unknown[] }>(BILLERS, { token });
  for (let attempt = 0; attempt < 20 && after.body.errors; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await platform.query(BILLERS, { token });
  }
  expect(after.body.errors).toBeUndefined();
  expect(after.body.data!.billers.length).toBeGreaterThan(0);
  console.log(`rolling restart of life: ${served} requests served (${servedWhileDown} while it was down), ${failures.length} failed`);
});
