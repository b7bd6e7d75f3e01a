/**
 * `npx tsx scripts/bench-risk.ts [decisions] [logins]`: the auth center's risk-decision latency and
 * password-login throughput, in one process, against its own `bench_auth` database on
 * DATABASE_URL (or the embedded PostgreSQL). Prints figures; not a test.
 *
 * - Risk: `decisions` sequential assessments (default 10,000) of varied transfers spread over 200
 *   customers, each a full decision (rules, history, device, velocity counter, stored row): p50/p99.
 * - Login: `logins` password sign-ins (default 200) on the demo customer's trusted device, 8 at a
 *   time: sign-ins per second (argon2id at 19 MiB dominates).
 */
import { performance } from 'node:perf_hooks';
import { authCenter } from '../subgraphs/auth/subgraph';
import { authRuntimeOf } from '../subgraphs/auth/runtime';
import { loginWithPassword } from '../subgraphs/auth/service/login';
import { assessRisk } from '../subgraphs/auth/service/risk/assess';
import { evaluateRules } from '../subgraphs/auth/service/risk/engine';
import { DEFAULT_RULES } from '../subgraphs/auth/service/risk/rules';
import { systemClock } from '../platform/clock';
import { developmentFeatures } from '../platform/config';
import { prepareCenterDatabase, resolveDatabaseServer } from '../subgraphs/kit/database/bootstrap';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { createLogger } from '../platform/observability/logger';

const decisions = Number(process.argv[2] ?? 10_000);
const logins = Number(process.argv[3] ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const env = { ...process.env, DATABASE_NAME_PREFIX: 'bench' };
  const { serverUrl, embedded } = await resolveDatabaseServer(env, console.log);
  const databaseUrl = await prepareCenterDatabase(authCenter, serverUrl, { seed: true, clock: systemClock }, env);
  const { client: prisma } = authCenter.openStore(databaseUrl);
  const log = createLogger('bench');
  log.level = 'silent';
  await authCenter.prepare!(prisma, systemClock, log, developmentFeatures(false));
  const runtime = authRuntimeOf(prisma);
  const [customer] = DEMO_CUSTOMERS;

  // The rule evaluation alone (no I/O).
  const facts = {
    action: 'TRANSFER' as const,
    channel: 'MOBILE_APP',
    amountFen: 6_000_000n,
    payeeIsNew: true,
    deviceTrusted: true,
    historyCount: 5,
    historyAverageFen: 100_000n,
    attemptsThisHour: 3,
    localHour: 12,
    addressChanged: false,
  };
  const pureStart = performance.now();
  for (let index = 0; index < 100_000; index += 1) evaluateRules(DEFAULT_RULES, facts);
  const pureMicros = ((performance.now() - pureStart) * 1000) / 100_000;

  const deps = { prisma, counters: runtime.counters, rules: runtime.rules, clock: systemClock };
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  for (let index = 0; index < decisions; index += 1) {
    const started = performance.now();
    const decision = await assessRisk(deps, {
      // 200 customers, so velocity counters and histories look like traffic, not one customer hammering.
      userId: index % 200 === 0 ? customer!.id : `bench-customer-${index % 200}`,
      action: 'TRANSFER',
      channel: index % 5 === 0 ? 'WECHAT_MINI' : 'MOBILE_APP',
      amountFen: BigInt(1_000 + ((index * 7919) % 8_000_000)),
      sourceAccountId: customer!.accounts[0]!.id,
      payeeAccountNumber: '6230580000000000021',
      payeeIsNew: index % 10 === 0,
      deviceId: customer!.deviceId,
    });
    latencies.push(performance.now() - started);
    outcomes[decision.outcome] = (outcomes[decision.outcome] ?? 0) + 1;
  }
  latencies.sort((a, b) => a - b);

  const sessionDeps = { prisma, runtime, clock: systemClock, log };
  let next = 0;
  const loginStart = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < logins) {
        next += 1;
        await loginWithPassword(sessionDeps, {
          mobile: customer!.mobile,
          password: DEMO_PASSWORD,
          channel: 'WEB',
          clientAddress: `10.0.${next % 250}.${next % 200}`,
          device: { deviceId: customer!.deviceId },
        });
      }
    }),
  );
  const loginSeconds = (performance.now() - loginStart) / 1000;

  console.log(`rule evaluation alone: ${pureMicros.toFixed(2)} µs per decision`);
  console.log(
    `risk decisions (${decisions}, sequential, stored): p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms; outcomes ${JSON.stringify(outcomes)}`,
  );
  console.log(`password logins (${logins}, 8 concurrent, one process): ${(logins / loginSeconds).toFixed(1)} per second`);
  console.log(`counters: ${process.env.REDIS_URL ? 'Redis' : 'in-process'}`);

  await prisma.riskDecision.deleteMany({});
  await prisma.$disconnect();
  await embedded?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
