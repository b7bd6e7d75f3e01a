/**
 * Child process of the benchmark: every center in one process, each on its own port
 * (`<CENTER>_PORT`), in production mode on the bench's own databases (`DATABASE_NAME_PREFIX`,
 * dropped by the harness beforehand), migrated, seeded with the demo data and the bench data.
 * A bench-only control port (`BENCH_CONTROL_PORT`, loopback) reports the SQL statements every
 * center has sent, the account center's ledger audit and finance's undelivered order events, and
 * grows the growth customer's data on request.
 */
import { createServer } from 'node:http';
import { CENTERS, CenterName } from '../../platform/centers';
import { systemClock } from '../../platform/clock';
import { centerPort } from '../../platform/config';
import { prepareCenterDatabase } from '../../subgraphs/kit/database/bootstrap';
import { createPrismaClient } from '../../subgraphs/kit/database/prismaClient';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { PrismaClient as AccountClient } from '../../subgraphs/account/__generated__/prisma/client';
import { PrismaClient as AuthClient } from '../../subgraphs/auth/__generated__/prisma/client';
import { PrismaClient as FinanceClient } from '../../subgraphs/finance/__generated__/prisma/client';
import { PrismaClient as UserClient } from '../../subgraphs/user/__generated__/prisma/client';
import { auditLedger } from '../../subgraphs/account/service/ledgerQueries';
import { startTracing } from '../../platform/observability/tracing';
import { onShutdown } from '../shutdown';
import { crowdCustomers, growCustomer, seedBenchData, seedCrowd } from './seed';
import { benchSettings } from './settings';

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const controlPort = Number(process.env.BENCH_CONTROL_PORT);
  if (!serverUrl || !controlPort) throw new Error('DATABASE_URL and BENCH_CONTROL_PORT are set by scripts/bench/run.ts');
  // As every process is traced (OTEL_EXPORTER_OTLP_ENDPOINT to measure recording and export).
  startTracing({ serviceName: 'bench-centers' });

  const urls = new Map<CenterName, string>();
  for (const center of CENTERS) {
    const definition = await loadCenterDefinition(center);
    urls.set(center, await prepareCenterDatabase(definition, serverUrl, { seed: true, clock: systemClock }));
  }
  const account = createPrismaClient(AccountClient, urls.get('account')!).client;
  const auth = createPrismaClient(AuthClient, urls.get('auth')!).client;
  await seedBenchData(account, auth);
  const user = createPrismaClient(UserClient, urls.get('user')!).client;
  const finance = createPrismaClient(FinanceClient, urls.get('finance')!).client;
  await seedCrowd({ user, auth, account, finance }, crowdCustomers(benchSettings().crowdSize));
  await Promise.all([auth.$disconnect(), user.$disconnect()]);

  const centers: RunningCenter[] = [];
  for (const center of CENTERS) {
    const definition = await loadCenterDefinition(center);
    centers.push(
      await startCenter(definition, { databaseUrl: urls.get(center)!, port: centerPort(center), clock: systemClock, host: '127.0.0.1' }),
    );
  }

  const control = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/statements') {
      reply(200, Object.fromEntries(centers.map((center) => [center.name, center.statements.count])));
    } else if (request.url?.startsWith('/grow') && request.method === 'POST') {
      const query = new URL(request.url, 'http://localhost').searchParams;
      growCustomer(account, Number(query.get('accounts') ?? 3), Number(query.get('postings') ?? 50)).then(
        () => reply(200, { grown: true }),
        (error: unknown) => reply(500, { error: String(error) }),
      );
    } else if (request.url === '/outbox-backlog') {
      // Order events finance has written but its relay has not yet delivered (work the load left behind).
      finance.outboxEvent.count({ where: { publishedAt: null } }).then(
        (pending) => reply(200, { pending }),
        (error: unknown) => reply(500, { error: String(error) }),
      );
    } else if (request.url === '/ledger-audit') {
      auditLedger(account).then(
        (audit) => reply(200, { ...audit, sumOfAllBalancesFen: audit.sumOfAllBalancesFen.toString() }),
        (error: unknown) => reply(500, { error: String(error) }),
      );
    } else if (request.url === '/ready') {
      reply(200, { ready: true });
    } else {
      reply(404, { error: 'not found' });
    }
  });
  control.listen(controlPort, '127.0.0.1');
  console.log(`centers ready: ${centers.map((center) => `${center.name}:${center.port}`).join(' ')}`);

  onShutdown(async () => {
    control.close();
    await Promise.all(centers.map((center) => center.stop()));
    await Promise.all([account.$disconnect(), finance.$disconnect()]);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
