/**
 * A process that holds one transfer and dies. Run with tsx by recovery.test.ts: it drives
 * `createTransfer` against the real centers (FINANCE_DATABASE_URL and <CENTER>_URL) and, through
 * the `afterStep` test seam of MoneyDeps, kills itself with SIGKILL right after step CRASH_AT_STEP
 * is durable: no cleanup, no finally blocks, exactly like a crash. Not production code.
 */
import { ManualClock } from '../../platform/clock';
import { createPrismaClient } from '../../subgraphs/kit/database/prismaClient';
import { createLogger } from '../../platform/observability/logger';
import { PrismaClient } from '../../subgraphs/finance/__generated__/prisma/client';
import { createMoneyDeps } from '../../subgraphs/finance/context';
import { createTransfer, TransferInput } from '../../subgraphs/finance/service/transfers';

async function main(): Promise<void> {
  const env = process.env;
  const clock = new ManualClock(env.CRASH_CLOCK_NOW!);
  const { client } = createPrismaClient(PrismaClient, env.CRASH_FINANCE_DATABASE_URL!, 2);
  const deps = {
    ...createMoneyDeps(client, { clock, log: createLogger('crash-child') }),
    afterStep: (step: string) => {
      if (step === env.CRASH_AT_STEP) process.kill(process.pid, 'SIGKILL');
    },
  };
  const input = JSON.parse(env.CRASH_TRANSFER_INPUT!) as TransferInput;
  const outcome = await createTransfer(
    deps,
    { customerId: env.CRASH_CUSTOMER_ID!, channel: 'MOBILE_APP', deviceId: env.CRASH_DEVICE_ID },
    input,
  );
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  await client.$disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
