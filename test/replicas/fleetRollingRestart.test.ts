/**
 * The whole fleet as replicas: two of every center and two gateways behind a small balancer, under a steady load of
 * home-screen reads and transfers, every one of the eighteen servers restarted in turn — drained (readiness off,
 * still serving) until every caller has taken it out of rotation, stopped, started again on its port, and waited for
 * until every caller uses it again. No request may fail. Afterwards the ledger is balanced, every balance is where the
 * completed transfers put it, and the day's reconciliation of orders, ledger postings and limit reservations is clean.
 * Before the load, a risk-rule change made through one auth replica decides the very next assessment on the other.
 *
 * The servers share this process (as lifeRollingRestart.test.ts does for one center): each is a real HTTP
 * server on its own port, and every call between them crosses HTTP through the same replica sets a deployment uses.
 * It is the `replicas` Jest project (test/support/replicas): alone on the machine, one file at a time.
 *
 * @longRunning
 */
import { CENTERS, CenterName } from '../../platform/centers';
import { reloadConfig } from '../../platform/config';
import { liveReplicaSets } from '../../platform/http/replicaSet';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity, signServiceCredential } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { GatewayOptions, RunningGateway, startGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { CREATE_TRANSFER, TransferAnswer, ledgerAudit, newKey, reconciliation } from '../money/helpers';
import { shanghaiDay } from '../../platform/businessDay';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { Balancer, startBalancer, until } from '../support/replicas';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const AMOUNT = '1.00';

let platform: TestPlatform;
/** The second replica of each center, and the port it keeps. */
const seconds = {} as Record<CenterName, RunningCenter>;
const secondPorts = {} as Record<CenterName, number>;
let gateways: RunningGateway[];
let gatewayOptions: Omit<GatewayOptions, 'port'>;
let balancer: Balancer;
const savedEnv = { ...process.env };

const firstUrl = (center: CenterName) => platform.centers[center]!.url;
const secondUrl = (center: CenterName) => `http://127.0.0.1:${secondPorts[center]}/graphql`;
const replicaList = (center: CenterName) => `${firstUrl(center)},${secondUrl(center)}`;

async function startSecond(center: CenterName, port = secondPorts[center]): Promise<RunningCenter> {
  return startCenter(await loadCenterDefinition(center), {
    databaseUrl: platform.centers[center]!.databaseUrl,
    port,
    clock: platform.clock,
    host: '127.0.0.1',
    production: true,
    runWorkers: false,
  });
}

const gatewayList = () => gateways.map((gateway) => gateway.url).join(',');

beforeAll(async () => {
  // Callers poll readiness every 100 ms, so a drained server leaves every rotation within a fraction of a second.
  process.env.READINESS_INTERVAL_MS = '100';
  // Eighteen servers and the load share this one process: on a busy machine a transfer's calls may take longer than
  // production's budgets. The test counts failures a restart causes, so the budgets here are generous.
  process.env.INTERNAL_CALL_TIMEOUT_MS = '60000';
  // Without Redis: in one process the servers would share one Redis connection, which a stopping replica closes under
  // the others (separate processes each have their own). Rate limits and risk counters are then counted in process.
  delete process.env.REDIS_URL;
  delete process.env.REDIS_CLUSTER_NODES;
  reloadConfig();
  platform = await startTestPlatform({ production: true, gateway: false });
  // Each second replica takes a port of its own now and keeps it across its restart.
  for (const center of CENTERS) {
    seconds[center] = await startSecond(center, 0);
    secondPorts[center] = seconds[center].port;
  }
  // Every center calls the others through both replicas of each.
  for (const center of CENTERS) process.env[`${center.toUpperCase()}_URL`] = replicaList(center);
  reloadConfig();
  gatewayOptions = {
    supergraphSdl: readSupergraph(),
    host: '127.0.0.1',
    clock: platform.clock,
    production: true,
    subgraphUrl: (center) => replicaList(center as CenterName),
    trustedDocuments: false,
    subgraphTimeoutMs: 90_000,
  };
  gateways = [await startGateway({ ...gatewayOptions, port: 0 }), await startGateway({ ...gatewayOptions, port: 0 })];
  balancer = await startBalancer(gatewayList);
}, 120_000);

afterAll(async () => {
  await balancer?.close();
  for (const gateway of gateways ?? []) await gateway.stop();
  for (const center of CENTERS) await seconds[center]?.stop();
  await platform?.stop();
  process.env = savedEnv;
  reloadConfig();
});

interface Answer<Data> {
  status: number;
  body: { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function viaBalancer<Data>(document: string, options: { token?: string; variables?: unknown } = {}): Promise<Answer<Data>> {
  const response = await fetch(balancer.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-channel': 'MOBILE_APP',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query: document, variables: options.variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { errors: [{ message: text }] } };
  }
}

/** Sets one risk rule through one auth replica, as a risk analyst on the console would. */
async function changeRule(auth: RunningCenter, code: string, enabled: boolean): Promise<number> {
  const identity = await signGatewayIdentity(
    { channel: 'OPS', userId: 'staff-risk-0001', authLevel: 2, roles: ['RISK_ANALYST'] },
    { audience: 'auth', clock: platform.clock },
  );
  const response = await fetch(auth.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
    body: JSON.stringify({
      query: 'mutation($input: RiskRuleChangeInput!) { updateRiskRule(input: $input) { version } }',
      variables: { input: { code, enabled } },
    }),
  });
  const body = (await response.json()) as { data?: { updateRiskRule: { version: number } }; errors?: unknown };
  if (!body.data) throw new Error(`rule change refused: ${JSON.stringify(body.errors)}`);
  return body.data.updateRiskRule.version;
}

/** The decision the other auth replica makes next, asked as finance asks it before a transfer. */
async function assessOn(auth: RunningCenter, amount: string) {
  const credential = await signServiceCredential(
    { service: 'finance', scopes: ['auth:risk:assess'], actingFor: zhang.id },
    { audience: 'auth', clock: platform.clock },
  );
  const response = await fetch(auth.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: credential },
    body: JSON.stringify({
      query: 'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { outcome reasons ruleVersion } }',
      variables: { input: { action: 'TRANSFER', amount, channel: 'MOBILE_APP', deviceId: zhang.deviceId } },
    }),
  });
  const body = (await response.json()) as {
    data?: { assessRisk: { outcome: string; reasons: string[]; ruleVersion: number } };
    errors?: unknown;
  };
  if (!body.data) throw new Error(`assessment refused: ${JSON.stringify(body.errors)}`);
  return body.data.assessRisk;
}

/** Every caller's replica set that holds this address, with how many of its replicas it sends to. */
function rotationsHolding(url: string) {
  const port = `:${new URL(url).port}/`;
  return [...liveReplicaSets()].filter((set) => set.target.includes(port)).map((set) => set.counts());
}
const everyoneSends = (url: string) => rotationsHolding(url).every(({ known, ready }) => ready === known);
const nobodySends = (url: string) => rotationsHolding(url).every(({ known, ready }) => ready === known - 1);

test('restarting every center replica and both gateways in turn under load fails no request, and money reconciles', async () => {
  // A rule change through the first auth replica decides the next assessment on the second: the velocity rules are
  // switched off (the load below sends hundreds of transfers within one minute of the test clock).
  await changeRule(platform.centers.auth!, 'VELOCITY', false);
  const version = await changeRule(platform.centers.auth!, 'VELOCITY_EXTREME', false);
  const decision = await assessOn(seconds.auth, '1.00');
  expect(decision.ruleVersion).toBe(version);

  const token = await (async () => {
    const { body } = await viaBalancer<{ login: { accessToken: string } }>(
      'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
      {
        variables: {
          input: {
            mobile: zhang.mobile,
            password: DEMO_PASSWORD,
            device: { deviceId: zhang.deviceId, platform: 'ANDROID' },
            deviceProof: await demoPhoneProof(),
          },
        },
      },
    );
    if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
    return body.data.login.accessToken;
  })();
  const before = await balancesVia(token);

  let stop = false;
  const failures: string[] = [];
  let reads = 0;
  let completed = 0;
  const reader = async () => {
    while (!stop) {
      const { status, body } = await viaBalancer<{ me: { name: string }; products: { edges: unknown[] } }>(
        'query Home { me { name accounts { id balance { amount } } limits { period } } products(first: 3) { edges { node { id name } } } }',
        { token },
      );
      if (status === 200 && !body.errors && body.data?.me.name === zhang.name && body.data.products.edges.length > 0) reads += 1;
      else failures.push(`read: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  const transferrer = async () => {
    while (!stop) {
      const { status, body } = await viaBalancer<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
        token,
        variables: {
          input: {
            idempotencyKey: newKey('fleet'),
            fromAccountId: zhang.accounts[0]!.id,
            toAccountNumber: li.accounts[0]!.number,
            toName: li.name,
            amount: AMOUNT,
          },
        },
      });
      if (status === 200 && body.data?.createTransfer.__typename === 'TransferCompleted') completed += 1;
      else failures.push(`transfer: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  const load = [reader(), reader(), transferrer(), transferrer()];
  // Progress, not time, decides each phase: a busy machine only makes it longer.
  const progress = async (what: string) => {
    const [readsBefore, completedBefore] = [reads, completed];
    await until(
      () => (reads >= readsBefore + 5 && completed >= completedBefore + 3) || failures.length > 0,
      () => `load progress ${what} (reads ${reads - readsBefore}, transfers ${completed - completedBefore})`,
    );
  };

  const restarts: string[] = [];
  try {
    await progress('before the restarts');
    for (const center of CENTERS) {
      for (const which of ['first', 'second'] as const) {
        const replica = which === 'first' ? platform.centers[center]! : seconds[center];
        const url = replica.url;
        const drained = replica.drainSwitch.drain(600_000);
        await until(
          () => nobodySends(url),
          () => `${center} (${which}) out of every rotation: ${JSON.stringify(rotationsHolding(url))}`,
        );
        replica.drainSwitch.cut();
        await drained;
        await replica.stop();
        await progress(`while ${center} (${which}) is down`);
        const restarted =
          which === 'first'
            ? await startCenter(await loadCenterDefinition(center), {
                databaseUrl: replica.databaseUrl,
                port: replica.port,
                clock: platform.clock,
                host: '127.0.0.1',
                production: true,
                runWorkers: false,
              })
            : await startSecond(center);
        if (which === 'first') platform.centers[center] = restarted;
        else seconds[center] = restarted;
        await until(
          () => everyoneSends(url),
          () => `${center} (${which}) back in every rotation: ${JSON.stringify(rotationsHolding(url))}`,
        );
        await progress(`after ${center} (${which}) is back`);
        restarts.push(`${center}:${which}`);
      }
    }
    for (const index of [0, 1]) {
      const gateway = gateways[index]!;
      const drained = gateway.drainSwitch.drain(600_000);
      await until(
        () => nobodySends(gateway.url),
        () => `gateway ${index} out of the balancer's rotation`,
      );
      gateway.drainSwitch.cut();
      await drained;
      await gateway.stop();
      await progress(`while gateway ${index} is down`);
      gateways[index] = await startGateway({ ...gatewayOptions, port: gateway.port });
      await until(
        () => everyoneSends(gateway.url),
        () => `gateway ${index} back in the balancer's rotation`,
      );
      await progress(`after gateway ${index} is back`);
      restarts.push(`gateway:${index}`);
    }
  } finally {
    stop = true;
    await Promise.all(load);
  }

  expect(failures).toEqual([]);
  expect(restarts).toHaveLength(CENTERS.length * 2 + 2);

  // Money: exactly the completed transfers moved, every entry balanced, nothing posted twice, the day reconciles.
  const after = await balancesVia(token);
  const fen = (amount: string) => BigInt(amount.replace('.', ''));
  const moved = fen(AMOUNT) * BigInt(completed);
  expect(fen(after[zhang.accounts[0]!.id]!)).toBe(fen(before[zhang.accounts[0]!.id]!) - moved);
  expect(await ledgerAudit(platform)).toMatchObject({ unbalancedEntries: 0, overdrawnCustomerAccounts: 0, duplicatePostings: 0 });
  const report = (await reconciliation(platform, shanghaiDay(platform.clock.now()))).data!.reconciliationReport;
  expect([report.clean, report.mismatches]).toEqual([true, []]);
  expect(report.ordersChecked).toBeGreaterThanOrEqual(completed);
  console.log(
    `fleet rolling restart: ${restarts.length} servers restarted in turn; ${reads} reads and ${completed} transfers served, ` +
      `${failures.length} failed`,
  );
  // A hang guard only: each phase waits on progress and fails on its own after 60 s without it.
}, 600_000);

/** The demo phone proves itself as the app does: its device key signs a fresh sign-in nonce. */
async function demoPhoneProof() {
  const key = demoDeviceKey(zhang.id);
  const { body } = await viaBalancer<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(
    'mutation DeviceNonce($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce } }',
    { variables: { id: key.id } },
  );
  if (!body.data) throw new Error(`no sign-in nonce: ${JSON.stringify(body.errors)}`);
  const { nonceId, nonce } = body.data.startDeviceKeyLogin;
  return { deviceKeyId: key.id, nonceId, signature: signDeviceNonce(key.privateKey, nonce) };
}

async function balancesVia(token: string): Promise<Record<string, string>> {
  const { body } = await viaBalancer<{ accounts: { id: string; balance: { amount: string } }[] }>(
    '{ accounts { id balance { amount } } }',
    {
      token,
    },
  );
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return Object.fromEntries(body.data.accounts.map((account) => [account.id, account.balance.amount]));
}
