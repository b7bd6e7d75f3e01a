/**
 * `npx tsx scripts/bench/trace-transfer.ts [transfers]`: where one transfer's time and SQL go.
 * Starts every center and the gateway in THIS process on the bench's own databases
 * (`DATABASE_NAME_PREFIX`, default `benchtrace`, dropped and recreated; ports from
 * `BENCH_PORT_BASE`, default 16000), seeds the bench data, signs a crowd payer in, then sends
 * transfers ONE AT A TIME through the gateway (no contention) and records
 * - every center-to-center call finance makes (target, root field, milliseconds),
 * - every SQL statement of every center (which call it belongs to, its text, its duration),
 * and prints the mean per step and the process's CPU per transfer. The outbox relay (workers off during the transfers) is then run
 * by hand and measured the same way, per transfer. `TRACE_CPU_PROFILE=<file>` also writes a V8
 * CPU profile of the measured transfers alone. Figures to read, not a test.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { CENTERS, CenterName } from '../../platform/centers';
import { systemClock } from '../../platform/clock';
import { centerDatabaseName, reloadConfig } from '../../platform/config';
import { prepareCenterDatabase } from '../../subgraphs/kit/database/bootstrap';
import { createPrismaClient } from '../../subgraphs/kit/database/prismaClient';
import { dropDatabase } from '../../subgraphs/kit/database/provisioning';
import { DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { startGateway } from '../../gateway/server';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph/supergraphFile';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { PrismaClient as AccountClient } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as AuthClient } from '../../subgraphs/auth/__generated__/prisma/client';
import { PrismaClient as FinanceClient } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as UserClient } from '../../subgraphs/user/__generated__/prisma/client';
import { deviceCookie } from './deviceProof';
import { crowdCustomers, crowdPair, seedBenchData, seedCrowd } from './seed';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';
import { startTracing, stopTracing } from '../../platform/observability/tracing';

interface Statement {
  center: CenterName;
  at: number;
  ms: number;
  sql: string;
}
interface Call {
  target: string;
  field: string;
  start: number;
  end: number;
}

// Prisma's per-statement query events (which this trace listens to) are off by default outside tests.
process.env.SQL_STATEMENT_COUNT ??= 'on';

const statements: Statement[] = [];
const calls: Call[] = [];

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 60);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required');
  const portBase = Number(process.env.BENCH_PORT_BASE ?? 16_000);
  process.env.DATABASE_NAME_PREFIX ??= 'benchtrace';
  process.env.CENTER_WORKERS = 'off';
  process.env.RATE_LIMIT_SCALE ??= '100000';
  for (const name of ['FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) process.env[name] ??= randomBytes(32).toString('base64');
  // Each process's own internal signing key, and the public keys it trusts, unless configured.
  if (!process.env.INTERNAL_TRUSTED_KEYS) Object.assign(process.env, generatedKeyEnvironment());
  const ports = new Map<number, string>();
  CENTERS.forEach((center, index) => {
    const port = portBase + 1 + index;
    process.env[`${center.toUpperCase()}_PORT`] = String(port);
    process.env[`${center.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    ports.set(port, center);
  });
  // A developer's trace, as before the mode became explicit: development unless NODE_ENV says otherwise.
  process.env.NODE_ENV ??= 'development';
  reloadConfig();
  // Traced as any process: ids only, or recorded and exported with OTEL_EXPORTER_OTLP_ENDPOINT.
  startTracing({ serviceName: 'bank-platform' });
  const gatewayPort = portBase + 20;
  ports.set(gatewayPort, 'gateway');

  const urls = new Map<CenterName, string>();
  for (const center of CENTERS) {
    await dropDatabase(serverUrl, centerDatabaseName(center));
    const definition = await loadCenterDefinition(center);
    urls.set(center, await prepareCenterDatabase(definition, serverUrl, { seed: true, clock: systemClock }));
  }
  const account = createPrismaClient(AccountClient, urls.get('account')!).client;
  const auth = createPrismaClient(AuthClient, urls.get('auth')!).client;
  const user = createPrismaClient(UserClient, urls.get('user')!).client;
  const finance = createPrismaClient(FinanceClient, urls.get('finance')!).client;
  const crowd = crowdCustomers(4);
  await seedBenchData(account, auth);
  await seedCrowd({ user, auth, account, finance }, crowd);
  await Promise.all([account.$disconnect(), auth.$disconnect(), user.$disconnect(), finance.$disconnect()]);

  const centers: RunningCenter[] = [];
  for (const center of CENTERS) {
    const definition = await loadCenterDefinition(center);
    // The same store, with one more listener: every statement's text and duration, by center.
    const traced = {
      ...definition,
      openStore: (databaseUrl: string) => {
        const store = definition.openStore(databaseUrl);
        (store.client as unknown as { $on(event: 'query', listener: (event: { query: string; duration: number }) => void): void }).$on(
          'query',
          (event) => {
            statements.push({
              center,
              at: performance.now(),
              ms: Number(event.duration),
              sql: event.query.replace(/\s+/g, ' ').slice(0, 110),
            });
          },
        );
        return store;
      },
    } as typeof definition;
    centers.push(
      await startCenter(traced, {
        databaseUrl: urls.get(center)!,
        port: Number(process.env[`${center.toUpperCase()}_PORT`]),
        clock: systemClock,
        host: '127.0.0.1',
      }),
    );
  }
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8').replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (_match, name: string) => `@join__graph(name: "${name}", url: "${process.env[`${name.toUpperCase()}_URL`]}")`,
  );
  const gateway = await startGateway({
    supergraphSdl: supergraph,
    port: gatewayPort,
    host: '127.0.0.1',
    clock: systemClock,
    rateLimitKeyPrefix: `trace:rl:${process.pid}`,
  });

  // Every fetch of this process: finance's internal client, the relay's deliveries, our own calls to the gateway.
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const body = typeof init?.body === 'string' ? init.body : '';
    const field = /"query":"[^"]*?\{\s*(\w+)/.exec(body)?.[1] ?? /"operationName":"(\w+)"/.exec(body)?.[1] ?? '?';
    const call: Call = { target: ports.get(Number(url.port)) ?? url.host, field, start: performance.now(), end: 0 };
    try {
      return await realFetch(input, init);
    } finally {
      call.end = performance.now();
      calls.push(call);
    }
  }) as typeof fetch;

  const { payer, payee } = crowdPair(crowd, 0);
  const gql = async (document: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      // The payer's browser proves its verified device with the device cookie.
      headers: {
        'content-type': 'application/json',
        'x-channel': 'WEB',
        cookie: deviceCookie(payer),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document, variables, operationName: /(?:query|mutation) (\w+)/.exec(document)?.[1] }),
    });
    return (await response.json()) as { data?: Record<string, { __typename?: string; accessToken?: string }>; errors?: unknown };
  };
  const login = await gql(readOperationDocument('WEB', 'Login'), {
    input: { mobile: payer.mobile, password: DEMO_PASSWORD, device: { deviceId: payer.deviceId, platform: 'ANDROID' } },
  });
  const token = login.data?.login?.accessToken;
  if (!token) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  const transfer = readOperationDocument('WEB', 'CreateTransfer');
  const send = () =>
    gql(
      transfer,
      {
        input: {
          fromAccountId: payer.accounts[0]!.id,
          toAccountNumber: payee.accounts[0]!.number,
          toName: payee.name,
          amount: '0.01',
          memo: '压测转账',
          idempotencyKey: `trace${randomBytes(8).toString('hex')}`,
        },
      },
      token,
    );

  // Warm-up (JIT, pools, plan cache), then the measured transfers, one at a time.
  for (let index = 0; index < 15; index += 1) await send();
  await centers.find((center) => center.name === 'finance')!.workers.outbox!.runOnce();
  statements.length = 0;
  calls.length = 0;
  const windows: { start: number; end: number }[] = [];
  // TRACE_CPU_PROFILE=<file>: a V8 CPU profile of the measured transfers only (no start-up, no seeding).
  const profiler = process.env.TRACE_CPU_PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < total; index += 1) {
    const start = performance.now();
    const answer = await send();
    if (answer.data?.createTransfer?.__typename !== 'TransferCompleted') throw new Error(`transfer ${index}: ${JSON.stringify(answer)}`);
    windows.push({ start, end: performance.now() });
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.TRACE_CPU_PROFILE!, JSON.stringify(profile));
    profiler.disconnect();
  }
  report('one transfer through the gateway (sequential, no contention)', total, windows);
  console.log(
    `CPU of this process (gateway + every center + this client) per transfer: ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} ms`,
  );

  // The outbox relay's share: every event the transfers wrote, delivered now.
  statements.length = 0;
  calls.length = 0;
  const relayStart = performance.now();
  const relay = centers.find((center) => center.name === 'finance')!.workers.outbox!;
  while ((await relay.runOnce()) > 0);
  report('outbox relay, per transfer', total, [{ start: relayStart, end: performance.now() }]);

  globalThis.fetch = realFetch;
  await gateway.stop();
  await Promise.all(centers.map((center) => center.stop()));
}

/** Means per transfer: each internal call with the statements run inside it, and what finance ran between calls. */
function report(title: string, transfers: number, windows: { start: number; end: number }[]): void {
  const mean = (value: number) => (value / transfers).toFixed(2);
  const wall = windows.reduce((sum, window) => sum + window.end - window.start, 0);
  console.log(`\n== ${title}: ${transfers} transfers, ${mean(wall)} ms each`);
  const internal = calls.filter((call) => call.target !== 'gateway');
  const steps = new Map<string, { ms: number; count: number; sql: Map<string, { n: number; ms: number }> }>();
  const claimed = new Set<Statement>();
  for (const call of internal) {
    const key = `${call.target}.${call.field}`;
    const step = steps.get(key) ?? { ms: 0, count: 0, sql: new Map() };
    step.ms += call.end - call.start;
    step.count += 1;
    for (const statement of statements) {
      if (statement.center !== call.target || statement.at < call.start || statement.at > call.end) continue;
      claimed.add(statement);
      const entry = step.sql.get(statement.sql) ?? { n: 0, ms: 0 };
      entry.n += 1;
      entry.ms += statement.ms;
      step.sql.set(statement.sql, entry);
    }
    steps.set(key, step);
  }
  const rest = statements.filter((statement) => !claimed.has(statement));
  const byCenter = new Map<string, Map<string, { n: number; ms: number }>>();
  for (const statement of rest) {
    const sql = byCenter.get(statement.center) ?? new Map<string, { n: number; ms: number }>();
    const entry = sql.get(statement.sql) ?? { n: 0, ms: 0 };
    entry.n += 1;
    entry.ms += statement.ms;
    sql.set(statement.sql, entry);
    byCenter.set(statement.center, sql);
  }
  const print = (label: string, ms: number | null, calls: number | null, sql: Map<string, { n: number; ms: number }>) => {
    const count = [...sql.values()].reduce((sum, entry) => sum + entry.n, 0);
    console.log(
      `${label.padEnd(44)} ${calls === null ? '' : `calls ${mean(calls)}  `}${ms === null ? '' : `${mean(ms)} ms  `}SQL ${mean(count)}`,
    );
    for (const [text, entry] of [...sql.entries()].sort((a, b) => b[1].n - a[1].n))
      console.log(`    ${mean(entry.n)} × ${(entry.ms / entry.n).toFixed(1)} ms  ${text}`);
  };
  for (const [key, step] of steps) print(key, step.ms, step.count, step.sql);
  for (const [center, sql] of byCenter) print(`${center} (own work, outside the calls above)`, null, null, sql);
  const perCenter = new Map<string, number>();
  for (const statement of statements) perCenter.set(statement.center, (perCenter.get(statement.center) ?? 0) + 1);
  console.log(
    `SQL per transfer by center: ${[...perCenter.entries()].map(([center, n]) => `${center} ${mean(n)}`).join(', ')}; total ${mean(statements.length)}`,
  );
}

main().then(
  () => stopTracing().then(() => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
