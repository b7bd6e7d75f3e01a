/**
 * `npx tsx scripts/bench/outbox-relay.ts [orders]`: how fast finance's outbox relay clears a backlog.
 * Starts every center in THIS process (workers off) on the bench's own databases
 * (`DATABASE_NAME_PREFIX`, default `benchoutbox`, dropped and recreated; ports from
 * `BENCH_PORT_BASE`, default 16100), writes `orders` completed transfers (default 500) with the
 * four events a transfer leaves (CREATED, RESERVED, POSTED, COMPLETED), then runs the relay's
 * `runOnce` until nothing is left and prints events per second, calls per subscriber center and
 * finance's SQL statements. Figures to read, not a test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CENTERS } from '../../platform/centers';
import { systemClock } from '../../platform/clock';
import { centerDatabaseName, reloadConfig } from '../../platform/config';
import { prepareCenterDatabase } from '../../subgraphs/kit/database/bootstrap';
import { dropDatabase } from '../../subgraphs/kit/database/provisioning';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { financeCenter } from '../../subgraphs/finance/subgraph';
import type { PrismaClient as FinanceClient } from '../../subgraphs/finance/__generated__/prisma/client';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';

const EVENT_TYPES = ['ORDER_CREATED', 'ORDER_RESERVED', 'ORDER_POSTED', 'ORDER_COMPLETED'];

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 500);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required');
  const portBase = Number(process.env.BENCH_PORT_BASE ?? 16_100);
  process.env.DATABASE_NAME_PREFIX ??= 'benchoutbox';
  process.env.CENTER_WORKERS = 'off';
  process.env.SQL_STATEMENT_COUNT ??= 'on';
  process.env.LOG_LEVEL ??= 'error';
  for (const name of ['FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) process.env[name] ??= randomBytes(32).toString('base64');
  // Each process's own internal signing key, and the public keys it trusts, unless configured.
  if (!process.env.INTERNAL_TRUSTED_KEYS) Object.assign(process.env, generatedKeyEnvironment());
  CENTERS.forEach((center, index) => {
    process.env[`${center.toUpperCase()}_PORT`] = String(portBase + 1 + index);
    process.env[`${center.toUpperCase()}_URL`] = `http://127.0.0.1:${portBase + 1 + index}/graphql`;
  });
  // A developer's measurement, as before the mode became explicit: development unless NODE_ENV says otherwise.
  process.env.NODE_ENV ??= 'development';
  reloadConfig();

  const centers = new Map<string, RunningCenter>();
  for (const center of CENTERS) {
    const definition = await loadCenterDefinition(center);
    await dropDatabase(serverUrl, centerDatabaseName(center));
    const databaseUrl = await prepareCenterDatabase(definition, serverUrl, { seed: true, clock: systemClock });
    centers.set(
      center,
      await startCenter(definition, {
        databaseUrl,
        port: Number(process.env[`${center.toUpperCase()}_PORT`]),
        clock: systemClock,
        host: '127.0.0.1',
        runWorkers: false,
      }),
    );
  }
  const finance = centers.get('finance')!;
  const prisma = financeCenter.openStore(finance.databaseUrl).client;
  try {
    await writeBacklog(prisma, orders);
    const calls = countCalls();
    const sqlBefore = finance.statements.count;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let passes = 0;
    while ((await prisma.outboxEvent.count({ where: { publishedAt: null } })) > 0) {
      await finance.workers.outbox!.runOnce();
      passes += 1;
      if (passes > 10 * orders) throw new Error('the relay makes no progress');
    }
    const seconds = (performance.now() - started) / 1_000;
    calls.restore();
    const cpu = process.cpuUsage(cpuBefore);
    const events = orders * EVENT_TYPES.length;
    console.log(
      `${events} events over ${orders} orders cleared in ${seconds.toFixed(2)} s by ${passes} passes: ${Math.round(events / seconds)} events/s`,
    );
    const statements = finance.statements.count - sqlBefore;
    console.log(
      `calls by center: ${JSON.stringify(Object.fromEntries(calls.byTarget))}; ` +
        `finance SQL statements ${statements} (${(statements / events).toFixed(2)} per event); ` +
        `CPU of the process (all centers) ${((cpu.user + cpu.system) / 1_000 / events).toFixed(2)} ms per event`,
    );
  } finally {
    await prisma.$disconnect();
    for (const center of centers.values()) await center.stop();
  }
}

/** Completed transfers of a demo customer and their four events each, written as the order steps write them. */
async function writeBacklog(prisma: FinanceClient, orders: number): Promise<void> {
  const customer = DEMO_CUSTOMERS[0]!;
  const now = new Date();
  for (let first = 0; first < orders; first += 100) {
    const chunk = Array.from({ length: Math.min(100, orders - first) }, () => randomUUID());
    await prisma.order.createMany({
      data: chunk.map((id) => ({
        id,
        ownerId: customer.id,
        kind: 'TRANSFER' as const,
        status: 'COMPLETED' as const,
        amount: 100n,
        sourceAccountId: customer.accounts[0]!.id,
        channel: 'MOBILE_APP',
        idempotencyKey: id,
        completedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    });
    for (const type of EVENT_TYPES) {
      await prisma.outboxEvent.createMany({
        data: chunk.map((orderId) => ({
          id: randomUUID(),
          aggregateId: orderId,
          type,
          payload: { orderId, status: type.slice(6) },
          createdAt: now,
          nextAttemptAt: now,
        })),
      });
    }
  }
}

/** Counts this process's HTTP requests by target center port. */
function countCalls(): { byTarget: Map<string, number>; restore(): void } {
  const names = new Map(CENTERS.map((center) => [process.env[`${center.toUpperCase()}_PORT`], center]));
  const byTarget = new Map<string, number>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const target = names.get(new URL(String(input instanceof Request ? input.url : input)).port) ?? 'other';
    byTarget.set(target, (byTarget.get(target) ?? 0) + 1);
    return realFetch(input, init);
  }) as typeof fetch;
  return { byTarget, restore: () => void (globalThis.fetch = realFetch) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
