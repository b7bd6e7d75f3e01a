/**
 * Zero-downtime deploys: two replicas of every center and two gateways, each its own process, behind a balancer.
 * While a steady load of home screens and transfers runs through the balancer, every process is restarted in turn
 * (SIGTERM, wait for the exit, start again, wait until its callers count it ready): no request may fail. Afterwards
 * the ledger balances, the daily reconciliation of orders, entries and limit reservations is clean, every completed
 * transfer moved exactly its amount, and a risk-rule change made on one auth replica decides the next assessment on
 * the other.
 *
 * @longRunning
 */
import { Pool } from 'pg';
import { Agent, fetch } from 'undici';
import { CENTERS } from '../../platform/centers';
import { systemClock } from '../../platform/clock';
import { shanghaiDay } from '../../platform/businessDay';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity, signServiceCredential } from '../../platform/identity/identity';
import { documentId, readChannelOperations } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { Fleet, FleetProcess, startFleet } from '../support/replicas';

jest.setTimeout(3_600_000);

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const http = new Agent({ connections: 8, pipelining: 1 });
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ replicasPerCenter: 2, gateways: 2, readinessIntervalMs: 1_000 });
});
afterAll(async () => {
  await fleet?.stop();
  await http.close();
});

/** The mobile app's trusted documents, sent by id as the app sends them. */
const mobileDocuments = new Map(
  readChannelOperations()
    .filter((operation) => operation.channel === 'MOBILE_APP')
    .map((operation) => [operation.file.replace(/\.graphql$/, ''), documentId(operation.document)]),
);

interface Answer<Data> {
  status: number;
  body: { data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post<Data>(url: string, body: unknown, headers: Record<string, string>): Promise<Answer<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    dispatcher: http,
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Answer<Data>['body'] };
  } catch {
    return { status: response.status, body: { errors: [{ message: text.slice(0, 200) }] } };
  }
}

/** A request that got no HTTP answer at all, as a failed answer. */
function transportFailure<Data>(error: Error): Answer<Data> {
  return { status: 0, body: { errors: [{ message: error.message }] } };
}

/** A mobile-app operation through the balancer. */
function app<Data>(operation: string, variables: Record<string, unknown>, token?: string): Promise<Answer<Data>> {
  const id = mobileDocuments.get(operation);
  if (!id) throw new Error(`MOBILE_APP has no trusted document ${operation}`);
  const headers: Record<string, string> = { 'x-channel': 'MOBILE_APP' };
  if (token) headers.authorization = `Bearer ${token}`;
  return post<Data>(fleet.balancer.url, { documentId: id, variables }, headers);
}

/** Password sign-in from the customer's demo phone, which proves itself with its device key. */
async function login(customer: DemoCustomer): Promise<string> {
  const key = demoDeviceKey(customer.id);
  const nonce = await app<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>('StartDeviceKeyLogin', { deviceKeyId: key.id });
  const started = nonce.body.data?.startDeviceKeyLogin;
  if (!started) throw new Error(`no sign-in nonce: ${JSON.stringify(nonce.body)}`);
  const answer = await app<{ login: { accessToken: string } }>('Login', {
    input: {
      mobile: customer.mobile,
      password: DEMO_PASSWORD,
      device: { deviceId: customer.deviceId, platform: 'ANDROID' },
      deviceProof: { deviceKeyId: key.id, nonceId: started.nonceId, signature: signDeviceNonce(key.privateKey, started.nonce) },
    },
  });
  const token = answer.body.data?.login.accessToken;
  if (!token) throw new Error(`login failed: ${JSON.stringify(answer.body)}`);
  return token;
}

const replicasOf = (kind: FleetProcess['kind']) => fleet.processes.filter((process) => process.kind === kind);

/** A member of staff (OPS, RISK_ANALYST and OPERATOR) calling one replica directly, as the gateway would sign it. */
async function asStaff<Data>(replica: FleetProcess, query: string, variables: Record<string, unknown>) {
  const credential = await signGatewayIdentity(
    { channel: 'OPS', userId: 'staff-ops-0001', authLevel: 2, roles: ['RISK_ANALYST', 'OPERATOR'] },
    { audience: replica.kind as (typeof CENTERS)[number], clock: systemClock },
  );
  return post<Data>(replica.url, { query, variables }, { [INTERNAL_IDENTITY_HEADER]: credential });
}

async function asService<Data>(
  replica: FleetProcess,
  service: 'finance',
  scopes: string[],
  query: string,
  variables: Record<string, unknown>,
) {
  const credential = await signServiceCredential(
    { service, actingFor: zhang.id, scopes },
    { audience: replica.kind as (typeof CENTERS)[number], clock: systemClock },
  );
  return post<Data>(replica.url, { query, variables }, { [INTERNAL_IDENTITY_HEADER]: credential });
}

const UPDATE_RULE = 'mutation($input: RiskRuleChangeInput!) { updateRiskRule(input: $input) { version } }';
const ASSESS = 'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { outcome reasons ruleVersion } }';

async function changeRule(replica: FleetProcess, input: Record<string, unknown>): Promise<number> {
  const answer = await asStaff<{ updateRiskRule: { version: number } }>(replica, UPDATE_RULE, { input });
  if (!answer.body.data) throw new Error(`risk rule change refused: ${JSON.stringify(answer.body)}`);
  return answer.body.data.updateRiskRule.version;
}

async function assess(replica: FleetProcess, amount: string) {
  const answer = await asService<{ assessRisk: { outcome: string; reasons: string[]; ruleVersion: number } }>(
    replica,
    'finance',
    ['auth:risk:assess'],
    ASSESS,
    {
      input: {
        action: 'TRANSFER',
        amount,
        sourceAccountId: zhang.accounts[0]!.id,
        payeeAccountNumber: li.accounts[0]!.number,
        payeeIsNew: false,
        channel: 'MOBILE_APP',
        deviceId: zhang.deviceId,
      },
    },
  );
  if (!answer.body.data) throw new Error(`assessment refused: ${JSON.stringify(answer.body)}`);
  return answer.body.data.assessRisk;
}

interface Home {
  me: { name: string; accounts: { id: string; balance: { amount: string } }[] };
}

const fen = (amount: string) => BigInt(amount.replace('.', ''));

async function ledgerAudit() {
  const credential = await signServiceCredential(
    { service: 'finance', scopes: ['account:ledger:read'] },
    { audience: 'account', clock: systemClock },
  );
  const answer = await post<{ ledgerAudit: Record<string, string | number> }>(
    replicasOf('account')[1]!.url,
    { query: '{ ledgerAudit { sumOfAllBalances unbalancedEntries overdrawnCustomerAccounts duplicatePostings } }' },
    { [INTERNAL_IDENTITY_HEADER]: credential },
  );
  if (!answer.body.data) throw new Error(`ledger audit refused: ${JSON.stringify(answer.body)}`);
  return answer.body.data.ledgerAudit;
}

interface Reconciliation {
  clean: boolean;
  ordersChecked: number;
  mismatches: { orderId: string; code: string; detail: string }[];
}

async function reconciliation(day: string): Promise<Reconciliation> {
  const answer = await asStaff<{ reconciliationReport: Reconciliation }>(
    replicasOf('finance')[0]!,
    'query($d: String!) { reconciliationReport(day: $d) { clean ordersChecked mismatches { orderId code detail } } }',
    { d: day },
  );
  if (!answer.body.data) throw new Error(`reconciliation refused: ${JSON.stringify(answer.body)}`);
  return answer.body.data.reconciliationReport;
}

/**
 * The customer's access token, signed in again before it is ten minutes old as an app refreshes its session: access
 * tokens live 15 minutes, and a rolling restart on a crowded machine takes longer than that.
 */
function session(customer: DemoCustomer) {
  let current: { token: Promise<string>; at: number } | undefined;
  return async () => {
    if (!current || Date.now() - current.at > 600_000) current = { token: login(customer), at: Date.now() };
    return current.token;
  };
}

test('every process restarted in turn under load: no request fails, and money, orders and limits reconcile', async () => {
  const tokenOf = session(zhang);
  const token = await tokenOf();
  // The load is one customer's transfers, far past the velocity rules' hourly counts: turned off, on one auth replica.
  await changeRule(replicasOf('auth')[0]!, { code: 'VELOCITY', enabled: false });
  await changeRule(replicasOf('auth')[0]!, { code: 'VELOCITY_EXTREME', enabled: false });

  const before = await app<Home>('HomeScreen', {}, token);
  expect(before.body.errors).toBeUndefined();
  const balanceBefore = fen(before.body.data!.me.accounts[0]!.balance.amount);
  const auditBefore = await ledgerAudit();
  const day = shanghaiDay(new Date());

  let stop = false;
  let served = 0;
  let transfers = 0;
  let attempts = 0;
  const failures: string[] = [];
  const keys = `rr-${Date.now().toString(36)}`;
  const fail = (what: string, answer: Answer<unknown>) =>
    failures.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  const reader = async () => {
    while (!stop) {
      const answer = await app<Home>('HomeScreen', {}, await tokenOf()).catch(transportFailure<Home>);
      if (
        answer.status === 200 &&
        !answer.body.errors &&
        answer.body.data?.me.name === zhang.name &&
        answer.body.data.me.accounts.length === 3
      )
        served += 1;
      else fail('HomeScreen', answer);
    }
  };
  const payer = async () => {
    while (!stop) {
      const answer = await app<{ createTransfer: { __typename: string } }>(
        'CreateTransfer',
        {
          input: {
            idempotencyKey: `${keys}-${(attempts += 1)}`,
            fromAccountId: zhang.accounts[0]!.id,
            toAccountNumber: li.accounts[0]!.number,
            toName: li.name,
            amount: '1.00',
          },
        },
        await tokenOf(),
      ).catch(transportFailure<{ createTransfer: { __typename: string } }>);
      if (answer.status === 200 && !answer.body.errors && answer.body.data?.createTransfer.__typename === 'TransferCompleted') {
        served += 1;
        transfers += 1;
      } else fail('CreateTransfer', answer);
    }
  };
  const load = [reader(), reader(), payer()];
  // Progress, not time, moves each phase on: a busy machine only makes it longer.
  const servedAtLeast = async (count: number) => {
    while (served < count && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  await servedAtLeast(20);
  const restartStarted = Date.now();
  const servedBeforeRestarts = served;
  for (const process of fleet.processes) {
    await fleet.restart(process);
    // The load went on with this process restarted.
    await servedAtLeast(served + 5);
  }
  const restartSeconds = (Date.now() - restartStarted) / 1000;
  const servedDuringRestarts = served - servedBeforeRestarts;
  stop = true;
  await Promise.all(load);

  expect(failures).toEqual([]);
  expect(transfers).toBeGreaterThan(0);

  // Money: exactly the completed transfers left the payer's account, and the ledger is whole.
  const after = await app<Home>('HomeScreen', {}, await tokenOf());
  expect(balanceBefore - fen(after.body.data!.me.accounts[0]!.balance.amount)).toBe(BigInt(transfers) * 100n);
  expect(await ledgerAudit()).toEqual({ ...auditBefore, unbalancedEntries: 0, overdrawnCustomerAccounts: 0, duplicatePostings: 0 });

  // Orders: one completed order per completed answer, none left mid-way.
  const finance = new Pool({ connectionString: fleet.databases.finance!.url, max: 1 });
  try {
    const { rows } = await finance.query<{ status: string; count: string }>(
      'SELECT status, count(*) FROM payment_order WHERE idempotency_key LIKE $1 GROUP BY status',
      [`${keys}-%`],
    );
    expect(Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))).toEqual({ COMPLETED: transfers });
  } finally {
    await finance.end();
  }

  // Orders, journal entries and limit reservations: the daily reconciliation, once the order events are delivered.
  let report = await reconciliation(day);
  for (let attempt = 0; attempt < 120 && !report.clean; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    report = await reconciliation(day);
  }
  expect(report.mismatches).toEqual([]);
  expect(report.ordersChecked).toBeGreaterThanOrEqual(transfers);

  console.log(
    `rolling restart of ${fleet.processes.length} processes in ${restartSeconds.toFixed(0)} s: ` +
      `${served} requests served (${servedDuringRestarts} during the restarts, ${transfers} transfers), ${failures.length} failed`,
  );
});

test('a risk-rule change made on one auth replica decides the next assessment on the other', async () => {
  const [first, second] = replicasOf('auth') as [FleetProcess, FleetProcess];
  // 1.00 is no large amount…
  expect((await assess(second, '1.00')).outcome).toBe('ALLOW');
  // …until a risk analyst lowers the bar on the first replica: the second decides by it at once.
  const lowered = await changeRule(first, { code: 'LARGE_AMOUNT', parameters: [{ name: 'minimumAmountFen', value: '100' }] });
  const decided = await assess(second, '1.00');
  expect(decided).toEqual({ outcome: 'CHALLENGE', reasons: expect.arrayContaining(['LARGE_AMOUNT']), ruleVersion: lowered });
  // And back, changed on the second replica, decided on the first.
  const restored = await changeRule(second, { code: 'LARGE_AMOUNT', parameters: [{ name: 'minimumAmountFen', value: '5000000' }] });
  expect(await assess(first, '1.00')).toEqual({ outcome: 'ALLOW', reasons: [], ruleVersion: restored });
});
