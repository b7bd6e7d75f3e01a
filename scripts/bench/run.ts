/**
 * `npm run bench`: this gateway against peer gateways, in one run, over the same subgraphs and
 * the same supergraph file. Starts PostgreSQL (DATABASE_URL, else an embedded one), the centers
 * (one child process, production mode, the bench's own databases recreated), our gateway full
 * and bare, Hive Gateway and Hive Gateway with the Rust planner (child processes), then drives
 * each (scenario, peer) with autocannon on loopback and writes bench/results.json and
 * bench/results.md. Settings: scripts/bench/settings.ts. Figures, not a test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CENTERS } from '../../platform/centers';
import { centerDatabaseName } from '../../platform/config';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../../subgraphs/kit/database/embeddedPostgres';
import { dropDatabase } from '../../subgraphs/kit/database/provisioning';
import {
  ChannelName,
  GatewayIdentity,
  INTERNAL_IDENTITY_HEADER,
  forwardedCredentialHeader,
  signGatewayIdentity,
} from '../../platform/identity/identity';
import { dataDirectory, projectRoot } from '../../platform/paths';
import { DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph/supergraphFile';
import { documentId, readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { deviceCookie, deviceKeyProof } from './deviceProof';
import { LoadResult, runLoad } from './load';
import { MoneyRound, drainOutbox, ledgerAudit, moneyFigures } from './money';
import { BenchProcess, startProcess, waitUntilReady } from './processes';
import { BenchEntry, BenchReport, SqlBudgetCheck, writeReport } from './report';
import { SCENARIOS, Scenario } from './scenarios';
import { BENCH_CUSTOMER, GROWTH_CUSTOMER, crowdCustomers, crowdPair } from './seed';
import { BenchSettings, PeerName, benchSettings, centerBenchPort, centersControlPort, peerPort } from './settings';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';
import { startTencentSmsStandIn } from '../smsStandIn/server';

const CREDENTIAL_LIFETIME_SECONDS = 30 * 60;

interface Peer {
  name: PeerName;
  process?: BenchProcess;
  url: string;
}

async function main(): Promise<void> {
  const settings = benchSettings();
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const logDirectory = mkdtempSync(join(tmpdir(), 'bench-'));
  console.log(`bench: logs in ${logDirectory}; settings ${JSON.stringify(settings)}`);

  // Production mode needs its secrets from the environment: fresh ones for every run.
  for (const name of ['FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) process.env[name] ??= randomBytes(32).toString('base64');
  // Each process's own internal signing key, and the public keys it trusts, unless configured.
  if (!process.env.INTERNAL_TRUSTED_KEYS) Object.assign(process.env, generatedKeyEnvironment());
  const { serverUrl, embedded } = await databaseServer();
  process.env.DATABASE_NAME_PREFIX ??= 'bench';
  for (const center of CENTERS) await dropDatabase(serverUrl, centerDatabaseName(center));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: serverUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? '100000',
    BENCH_CONTROL_PORT: String(centersControlPort(settings.portBase)),
    // The SQL per operation is read from the centers' statement counters, off by default outside tests.
    SQL_STATEMENT_COUNT: 'on',
  };
  // A production auth center does not start without an SMS provider: the bench's is the local SendSms stand-in.
  const smsKey = { id: 'AKIDbench', key: randomBytes(24).toString('base64') };
  const smsStandIn = await startTencentSmsStandIn({ keys: { [smsKey.id]: smsKey.key } });
  Object.assign(env, {
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_ENDPOINT: smsStandIn.url,
    TENCENT_SMS_SECRET_ID: smsKey.id,
    TENCENT_SMS_SECRET_KEY: smsKey.key,
    TENCENT_SMS_SDK_APP_ID: '1400000000',
    SMS_SIGN_NAME: '农商银行',
    SMS_TEMPLATE_LOGIN_CODE: '1',
    SMS_TEMPLATE_STEP_UP_CODE: '2',
    SMS_TEMPLATE_REGISTRATION_CODE: '3',
    SMS_TEMPLATE_REGISTERED_NOTICE: '4',
  });
  for (const center of CENTERS) {
    env[`${center.toUpperCase()}_PORT`] = String(centerBenchPort(settings.portBase, center));
    env[`${center.toUpperCase()}_URL`] = `http://127.0.0.1:${centerBenchPort(settings.portBase, center)}/graphql`;
  }
  const supergraphFile = join(logDirectory, 'supergraph.graphql');
  writeFileSync(
    supergraphFile,
    readFileSync(SUPERGRAPH_PATH, 'utf8').replace(
      /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
      (_match, name: string) => `@join__graph(name: "${name}", url: "${env[`${name.toUpperCase()}_URL`]}")`,
    ),
  );

  const processes: BenchProcess[] = [];
  const stopAll = async () => {
    for (const child of processes.reverse()) await child.stop();
    await embedded?.stop();
    await smsStandIn.close();
  };
  try {
    const centersLogLevel = process.env.BENCH_CENTER_LOG_LEVEL ?? 'warn';
    const profile = settings.cpuProfileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDirectory}`] : [];
    const centers = startProcess(
      'centers',
      [...profile, '--import', 'tsx', join(__dirname, 'centers.ts')],
      { ...env, LOG_LEVEL: centersLogLevel },
      logDirectory,
    );
    processes.push(centers);
    await waitUntilReady('centers', `http://127.0.0.1:${centersControlPort(settings.portBase)}/ready`, 300_000);

    const peers = await startPeers(settings, env, supergraphFile, logDirectory, processes);
    console.log(`bench: ready (${peers.map((peer) => peer.name).join(', ')})`);

    const credentials = await identities(peers, settings);
    const sqlBudget = peers.some((peer) => peer.name === 'bare') ? await checkSqlBudget(peers, settings, credentials.growth) : undefined;
    if (sqlBudget)
      console.log(
        `SQL per HomeScreen: ${sqlBudget.before} → ${sqlBudget.after} after ${sqlBudget.grownBy} (${sqlBudget.constant ? 'constant' : 'NOT constant'})`,
      );

    const entries: BenchEntry[] = [];
    for (const scenarioName of settings.scenarios) {
      const scenario = SCENARIOS[scenarioName];
      const targets = peers
        .filter((candidate) => scenario.peers.includes(candidate.name))
        .map(
          (peer) =>
            (peer.name === 'direct' ? { ...peer, url: env[`${scenario.center!.toUpperCase()}_URL`]!, process: centers } : peer) as Peer & {
              process: BenchProcess;
            },
        );
      const rounds = new Map<PeerName, Round[]>();
      for (let round = 0; round < settings.rounds; round += 1) {
        for (const target of targets) {
          rounds.set(target.name, [
            ...(rounds.get(target.name) ?? []),
            await measureRound(scenario, target, centers, settings, credentials, round === 0),
          ]);
        }
      }
      for (const target of targets) {
        const entry = combine(scenario, target.name, rounds.get(target.name)!);
        if (scenario.movesMoney) {
          const findings = entry.ledgerFindings!;
          console.log(
            `${scenario.name.padEnd(9)} outbox: ${entry.outboxPendingAtEnd} events undelivered when the load stopped, ` +
              `delivered ${entry.outboxDrainSeconds?.toFixed(1)} s later ` +
              `(sustained ${entry.sustainedRps?.toFixed(1)} transfers/s including the delivery)`,
          );
          console.log(
            `${scenario.name.padEnd(9)} ledger drift ${entry.ledgerDriftFen} fen; unbalanced ${findings.unbalancedEntries}, ` +
              `overdrawn ${findings.overdrawnCustomerAccounts}, duplicate postings ${findings.duplicatePostings}; ` +
              `SQL/op by center ${JSON.stringify(entry.sqlStatementsPerOperationByCenter)}`,
          );
        }
        entries.push(entry);
        console.log(
          `${scenario.name.padEnd(9)} ${target.name.padEnd(9)} ${entry.rps.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${entry.p50Ms.toFixed(1)} ms  p99 ${entry.p99Ms.toFixed(1)} ms  ` +
            `cpu ${entry.cpuSecondsPer1000.toFixed(2)} s/1k  rss ${entry.rssMiB.toFixed(0)} MiB  ` +
            `sql ${entry.sqlStatementsPerOperation.toFixed(1)}/op  failures ${entry.failures}`,
        );
      }
    }

    const report: BenchReport = {
      startedAt,
      machine: { cpus: cpus().length, loadAverageAtStart, node: process.version },
      settings: { ...settings, redis: Boolean(process.env.REDIS_URL), database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded' },
      entries,
      sqlBudget,
      notes: [
        'Everything (load generator, gateways, centers, PostgreSQL) shares one machine; other work on it shows up as noise.',
        'full = production configuration (access token, rate limits scaled by RATE_LIMIT_SCALE, admission, trusted documents by id); ' +
          'bare and the Hive peers forward a signed internal credential.',
        'direct = the single subgraph called with the internal credential (the floor); its CPU and RSS are the whole centers process.',
        'Risk velocity rules are raised for the bench customer so thousands of transfers an hour are allowed; every other rule stays on.',
        `transfers: ${settings.crowdSize} bench customers, each connection pays from its own customer to another ` +
          '(the first half pay the second half); transfers-single: every connection pays from the one bench customer.',
        'Money scenarios: ledger drift is the change of the sum of every balance (customer and GL) over the measurement, ' +
          "from the account center's audit; it must be 0.",
        "Money scenarios: after the load the harness waits until finance's outbox relay has delivered every order event, " +
          'so CPU and SQL per transfer include that deferred work; sustained req/s = transfers / (load seconds + delivery seconds).',
      ],
    };
    const directory = settings.resultsDirectory ?? join(projectRoot, 'bench');
    console.log(`\n${writeReport(report, directory)}\n\nwritten: ${join(directory, 'results.json')}, ${join(directory, 'results.md')}`);
  } finally {
    await stopAll();
  }
}

async function databaseServer(): Promise<{ serverUrl: string; embedded?: EmbeddedPostgresHandle }> {
  if (process.env.DATABASE_URL) return { serverUrl: process.env.DATABASE_URL };
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT || 54339);
  console.log(`bench: no DATABASE_URL, starting embedded PostgreSQL on port ${port}`);
  const embedded = await startEmbeddedPostgres({ directory: join(dataDirectory(), 'bench-postgres'), port });
  return { serverUrl: embedded.serverUrl, embedded };
}

async function startPeers(
  settings: BenchSettings,
  env: NodeJS.ProcessEnv,
  supergraphFile: string,
  logDirectory: string,
  processes: BenchProcess[],
): Promise<Peer[]> {
  const hiveBin = join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');
  const profile = settings.cpuProfileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDirectory}`] : [];
  const peers: Peer[] = [];
  const starting: Promise<void>[] = [];
  for (const name of settings.peers) {
    if (name === 'direct') {
      peers.push({ name, url: '' });
      continue;
    }
    const port = peerPort(settings.portBase, name);
    const child =
      name === 'full' || name === 'bare'
        ? startProcess(
            name,
            [...profile, '--import', 'tsx', join(__dirname, 'gateway.ts')],
            { ...env, BENCH_GATEWAY_MODE: name, BENCH_SUPERGRAPH: supergraphFile, GATEWAY_PORT: String(port) },
            logDirectory,
          )
        : startProcess(
            name,
            [
              hiveBin,
              'supergraph',
              supergraphFile,
              '--port',
              String(port),
              '--host',
              '127.0.0.1',
              '-c',
              join(__dirname, name === 'hive' ? 'hive.config.mjs' : 'hive-router.config.mjs'),
            ],
            { ...env, LOG_LEVEL: 'warn' },
            logDirectory,
          );
    processes.push(child);
    peers.push({ name, process: child, url: `http://127.0.0.1:${port}/graphql` });
    const ready = name === 'full' || name === 'bare' ? `http://127.0.0.1:${port}/health/ready` : `http://127.0.0.1:${port}/readiness`;
    starting.push(waitUntilReady(name, ready));
  }
  await Promise.all(starting);
  return peers;
}

interface Credentials {
  /**
   * Per channel: the full gateway's access token, and the internal credentials the others forward —
   * one per subgraph (each names its subgraph as audience), as `x-internal-identity-<subgraph>` headers.
   */
  bench: Partial<Record<ChannelName, { accessToken?: string; internal: Record<string, string> }>>;
  growth: Record<string, string>;
  /** The crowd's payers on WEB, by connection: each its own access token (full gateway only). */
  crowd: { payer: DemoCustomer; payee: DemoCustomer; accessToken: string }[];
}

/**
 * The bench customer signs in on each channel with the seeded trusted device, proven as the channel's
 * client proves it (no SMS step); for the many-customer scenario, so does every payer of the crowd, on WEB.
 */
async function identities(peers: Peer[], settings: BenchSettings): Promise<Credentials> {
  const full = peers.find((peer) => peer.name === 'full');
  const crowd: Credentials['crowd'] = [];
  const crowdScenarios = settings.scenarios.filter((name) => SCENARIOS[name].senders === 'crowd');
  if (full && crowdScenarios.length) {
    const customers = crowdCustomers(settings.crowdSize);
    const payers = Math.min(settings.connections, Math.floor(customers.length / 2));
    for (let index = 0; index < payers; index += 1) {
      const pair = crowdPair(customers, index);
      crowd.push({ ...pair, accessToken: (await login(full.url, 'WEB', pair.payer)).accessToken });
    }
  }
  const bench: Credentials['bench'] = {};
  for (const channel of ['MOBILE_APP', 'WEB'] as const) {
    const session = full ? await login(full.url, channel, BENCH_CUSTOMER) : undefined;
    const internal = await peerCredentials({
      channel,
      userId: BENCH_CUSTOMER.id,
      sessionId: session?.sessionId,
      deviceId: BENCH_CUSTOMER.deviceId,
      authLevel: 1,
      clientAddress: '127.0.0.1',
    });
    bench[channel] = { accessToken: session?.accessToken, internal };
  }
  const growth = await peerCredentials({
    channel: 'MOBILE_APP',
    userId: GROWTH_CUSTOMER.id,
    deviceId: GROWTH_CUSTOMER.deviceId,
    authLevel: 1,
  });
  return { bench, growth, crowd };
}

/** One long-lived gateway identity per subgraph, as the headers the peers forward. */
async function peerCredentials(identity: Omit<GatewayIdentity, 'kind'>): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const center of CENTERS) {
    headers[forwardedCredentialHeader(center)] = await signGatewayIdentity(identity, {
      audience: center,
      lifetimeSeconds: CREDENTIAL_LIFETIME_SECONDS,
    });
  }
  return headers;
}

async function login(url: string, channel: ChannelName, customer: DemoCustomer): Promise<{ accessToken: string; sessionId: string }> {
  const document = readOperationDocument(channel, 'Login');
  const response = await fetch(url, {
    method: 'POST',
    // Each channel proves the seeded device as its real client would (scripts/bench/deviceProof.ts).
    headers: {
      'content-type': 'application/json',
      'x-channel': channel,
      ...(channel === 'MOBILE_APP' ? {} : { cookie: deviceCookie(customer) }),
    },
    body: JSON.stringify({
      documentId: documentId(document),
      variables: {
        input: {
          mobile: customer.mobile,
          password: DEMO_PASSWORD,
          device: { deviceId: customer.deviceId, platform: 'ANDROID' },
          deviceProof: channel === 'MOBILE_APP' ? await deviceKeyProof(url, customer) : null,
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { login?: { accessToken: string; sessionId: string } }; errors?: unknown };
  if (!body.data?.login) throw new Error(`bench login on ${channel} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login;
}

interface BenchRequest {
  headers: Record<string, string>;
  body: () => string;
  perConnection?: (connection: number) => { headers: Record<string, string>; body: () => string };
}

function requestFor(scenario: Scenario, peer: PeerName, credentials: Credentials): BenchRequest {
  const identity = credentials.bench[scenario.channel]!;
  if (scenario.senders === 'crowd') {
    if (peer !== 'full' || !credentials.crowd.length) throw new Error(`${scenario.name} runs on the full gateway with the crowd signed in`);
    const sender = (connection: number) => {
      const { payer, payee, accessToken } = credentials.crowd[connection % credentials.crowd.length]!;
      return {
        headers: { 'x-channel': scenario.channel, authorization: `Bearer ${accessToken}` },
        body: () =>
          JSON.stringify({
            documentId: scenario.documentId,
            operationName: scenario.operationName,
            variables: scenario.variables({ payer, payee }),
          }),
      };
    };
    return { ...sender(0), perConnection: sender };
  }
  if (peer === 'full') {
    return {
      headers: { 'x-channel': scenario.channel, authorization: `Bearer ${identity.accessToken}` },
      body: () =>
        JSON.stringify({ documentId: scenario.documentId, operationName: scenario.operationName, variables: scenario.variables() }),
    };
  }
  // The direct peer is one subgraph itself: it gets that subgraph's credential as the gateway would send it.
  const forwarded =
    peer === 'direct' ? { [INTERNAL_IDENTITY_HEADER]: identity.internal[forwardedCredentialHeader(scenario.center!)]! } : identity.internal;
  return {
    headers: { 'x-channel': scenario.channel, ...forwarded },
    body: () => JSON.stringify({ query: scenario.document, operationName: scenario.operationName, variables: scenario.variables() }),
  };
}

async function sample(url: string, request: BenchRequest, scenario: Scenario, peer: PeerName): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body(),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!response.ok || body.errors || !body.data || !scenario.check(body.data)) {
    throw new Error(`${scenario.name} on ${peer}: unexpected answer ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

async function statementsByCenter(settings: BenchSettings): Promise<Record<string, number>> {
  const response = await fetch(`http://127.0.0.1:${centersControlPort(settings.portBase)}/statements`);
  return (await response.json()) as Record<string, number>;
}

async function statements(settings: BenchSettings): Promise<number> {
  return Object.values(await statementsByCenter(settings)).reduce((sum, count) => sum + count, 0);
}

interface Round {
  result: LoadResult;
  peerCpuSeconds: number;
  centersCpuSeconds: number;
  rssMiB: number;
  sqlStatements: number;
  sqlByCenter: Record<string, number>;
  /** Money scenarios: the ledger audit around the measurement and the outbox left behind. */
  money?: MoneyRound;
}

async function measureRound(
  scenario: Scenario,
  peer: Peer & { process: BenchProcess },
  centers: BenchProcess,
  settings: BenchSettings,
  credentials: Credentials,
  warmUp: boolean,
): Promise<Round> {
  const request = requestFor(scenario, peer.name, credentials);
  await sample(peer.url, request, scenario, peer.name);
  const load = {
    url: peer.url,
    ...request,
    connections: settings.connections,
    maxRequests: Math.ceil(settings.maxRequests / settings.rounds),
  };
  if (warmUp) await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
  if (scenario.movesMoney) await drainOutbox(settings); // the warm-up's events are not this measurement's
  const ledgerBefore = scenario.movesMoney ? await ledgerAudit(settings) : undefined;
  const before = { peer: peer.process.stats(), centers: centers.stats(), sql: await statementsByCenter(settings) };
  const result = await runLoad({ ...load, durationSeconds: settings.durationSeconds / settings.rounds });
  const outbox = scenario.movesMoney ? await drainOutbox(settings) : undefined;
  const after = { peer: peer.process.stats(), centers: centers.stats(), sql: await statementsByCenter(settings) };
  const ledgerAfter = scenario.movesMoney ? await ledgerAudit(settings) : undefined;
  const sqlByCenter = Object.fromEntries(Object.keys(after.sql).map((center) => [center, after.sql[center]! - (before.sql[center] ?? 0)]));
  // The sample requests are outside the before/after window: the counts are the load's alone.
  await sample(peer.url, request, scenario, peer.name);
  if (result.firstFailure) console.warn(`${scenario.name} on ${peer.name}: ${result.failures} failures, first: ${result.firstFailure}`);
  return {
    result,
    peerCpuSeconds: after.peer.cpuSeconds - before.peer.cpuSeconds,
    centersCpuSeconds: after.centers.cpuSeconds - before.centers.cpuSeconds,
    rssMiB: after.peer.rssMiB,
    sqlStatements: Object.values(sqlByCenter).reduce((sum, count) => sum + count, 0),
    sqlByCenter,
    money: ledgerBefore && ledgerAfter && outbox ? { ledgerBefore, ledgerAfter, outbox } : undefined,
  };
}

/** Rounds into one entry: throughput over all rounds, the median round's latencies, CPU and SQL per request over all. */
function combine(scenario: Scenario, peer: PeerName, rounds: Round[]): BenchEntry {
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const median = (pick: (round: Round) => number) => {
    const values = rounds.map(pick).sort((a, b) => a - b);
    const middle = Math.floor(values.length / 2);
    return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
  };
  const requests = sum((round) => round.result.requests);
  const perThousand = (total: number) => (requests ? (total * 1000) / requests : 0);
  const money = rounds.every((round) => round.money)
    ? moneyFigures(
        rounds.map((round) => ({ ...round.money!, seconds: round.result.seconds, sqlByCenter: round.sqlByCenter })),
        requests,
      )
    : {};
  return {
    scenario: scenario.name,
    peer,
    rps: requests / sum((round) => round.result.seconds),
    p50Ms: median((round) => round.result.p50Ms),
    p99Ms: median((round) => round.result.p99Ms),
    cpuSecondsPer1000: perThousand(sum((round) => round.peerCpuSeconds)),
    rssMiB: Math.max(...rounds.map((round) => round.rssMiB)),
    centersCpuSecondsPer1000: perThousand(sum((round) => round.centersCpuSeconds)),
    sqlStatementsPerOperation: requests ? sum((round) => round.sqlStatements) / requests : 0,
    ...money,
    requests,
    failures: sum((round) => round.result.failures),
  };
}

/** SQL statements of one home screen for the growth customer, before and after adding accounts and postings. */
async function checkSqlBudget(peers: Peer[], settings: BenchSettings, credentials: Record<string, string>): Promise<SqlBudgetCheck> {
  const bare = peers.find((peer) => peer.name === 'bare')!;
  const scenario = SCENARIOS.home;
  const once = async () => {
    let fewest = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const start = await statements(settings);
      const response = await fetch(bare.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP', ...credentials },
        body: JSON.stringify({ query: scenario.document, operationName: scenario.operationName }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`HomeScreen for the growth customer failed: ${JSON.stringify(body.errors)}`);
      // Background work (sweepers) may add statements; the fewest over three tries is the request's own.
      fewest = Math.min(fewest, (await statements(settings)) - start);
    }
    return fewest;
  };
  const before = await once();
  const accounts = 5;
  const postings = 40;
  const grown = await fetch(`http://127.0.0.1:${centersControlPort(settings.portBase)}/grow?accounts=${accounts}&postings=${postings}`, {
    method: 'POST',
  });
  if (!grown.ok) throw new Error(`growing the growth customer failed: ${await grown.text()}`);
  const after = await once();
  return {
    operation: 'HomeScreen',
    before,
    after,
    grownBy: `+${accounts} accounts and +${postings} postings per account`,
    constant: before === after,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
