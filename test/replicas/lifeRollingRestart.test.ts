import { createServer } from 'node:net';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { liveReplicaSets, ReplicaSet } from '../../platform/http/replicaSet';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { until } from '../support/replicas';
import { lifeCenter } from '../../subgraphs/life/subgraph';

/**
 * A rolling restart of a center with two replicas: each life replica in turn drains (readiness off, still serving),
 * stops and starts again on its port, while a load of requests — billers from the life center among them — runs
 * through the gateway. None may fail: the gateway sends to the replica that is ready, and a call refused at connect
 * goes to the other. (fleetRollingRestart.test.ts does this for every center and both gateways.) In the `replicas` Jest
 * project: alone on the machine, so only the restarts can fail a request.
 */
const [zhang] = DEMO_CUSTOMERS;
let platform: TestPlatform;
let second: RunningCenter;
let secondPort: number;
let lifeTarget: string;

beforeAll(async () => {
  // The second replica's port is chosen now and its process started later: until then the gateway finds it refusing.
  secondPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  platform = await startTestPlatform({
    production: true,
    gateway: {
      circuitBreaker: { failureThreshold: 3, resetAfterMs: 200 },
      // The harness has just pointed <CENTER>_URL at the centers it started; life gets its second replica beside it.
      subgraphUrl: (center) => {
        const url = process.env[`${center.toUpperCase()}_URL`]!;
        if (center !== 'life') return url;
        lifeTarget = `${url},http://127.0.0.1:${secondPort}/graphql`;
        return lifeTarget;
      },
    },
  });
  second = await startReplica(secondPort);
});
afterAll(async () => {
  await second?.stop();
  await platform.stop();
});

function startReplica(port: number): Promise<RunningCenter> {
  return startCenter(lifeCenter, {
    databaseUrl: platform.centers.life!.databaseUrl,
    port,
    clock: platform.clock,
    host: '127.0.0.1',
    production: true,
    runWorkers: false,
  });
}

const NOT_LIFE =
  'query Home { me { name accounts { id balance { amount } } limits { period } } products(first: 3) { edges { node { id name } } } }';
const BILLERS = '{ billers { id name } }';

test('restarting each life replica in turn under load fails no request, those for billers included', async () => {
  const token = await platform.login(zhang!.mobile);
  expect((await platform.query(BILLERS, { token })).body.errors).toBeUndefined();
  const replicas = [...liveReplicaSets()].find((set) => set.target === lifeTarget) as ReplicaSet;
  await until(
    () => replicas.counts().ready === 2,
    () => `both life replicas ready: ${JSON.stringify(replicas.counts())}`,
  );

  let stop = false;
  const failures: string[] = [];
  let served = 0;
  let billers = 0;
  const worker = (document: string) => async () => {
    while (!stop) {
      const { status, body } = await platform.query<{ me?: { name: string }; billers?: unknown[] }>(document, { token });
      const ok =
        status === 200 && !body.errors && (document === BILLERS ? body.data!.billers!.length > 0 : body.data!.me!.name === zhang!.name);
      if (!ok) failures.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
      else if (document === BILLERS) billers += 1;
      else served += 1;
    }
  };
  const workers = [...Array.from({ length: 4 }, worker(NOT_LIFE)), ...Array.from({ length: 4 }, worker(BILLERS))];
  // Progress, not time, decides each phase: a busy machine only makes it longer.
  const progress = async () => {
    const [servedBefore, billersBefore] = [served, billers];
    await until(
      () => (served > servedBefore + 10 && billers > billersBefore + 10) || failures.length > 0,
      () => `load progress (${served - servedBefore} reads, ${billers - billersBefore} billers)`,
    );
  };

  await progress();
  const billersWhileOneDown: number[] = [];
  for (const which of ['first', 'second'] as const) {
    const replica = which === 'first' ? platform.centers.life! : second;
    // SIGTERM's first step: readiness off, still serving, until the gateway has taken it out of rotation.
    const drained = replica.drainSwitch.drain(600_000);
    await until(
      () => replicas.counts().ready === 1,
      () => `one life replica ready: ${JSON.stringify(replicas.counts())}`,
    );
    replica.drainSwitch.cut();
    await drained;
    await replica.stop();
    const billersAtStop = billers;
    await progress();
    billersWhileOneDown.push(billers - billersAtStop);
    const restarted = await startReplica(replica.port);
    expect(restarted.port).toBe(replica.port);
    if (which === 'first') platform.centers.life = restarted;
    else second = restarted;
    await until(
      () => replicas.counts().ready === 2,
      () => `both life replicas ready: ${JSON.stringify(replicas.counts())}`,
    );
    await progress();
  }
  stop = true;
  await Promise.all(workers);

  expect(failures).toEqual([]);
  // Billers were served by the other replica while each one was down.
  expect(billersWhileOneDown.every((count) => count > 0)).toBe(true);
  console.log(
    `rolling restart of two life replicas: ${served + billers} requests served (${billers} for billers), ${failures.length} failed`,
  );
});
