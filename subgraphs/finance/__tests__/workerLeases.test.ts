/**
 * Background workers are safe with several finance replicas: the recovery sweeper and the clearing worker of two
 * replicas, leasing due work at the same moment (`FOR UPDATE SKIP LOCKED`, then a lease time), never both take the
 * same order or instruction, and between them take all of it. (The outbox relay's two-relays test is in
 * outboxRelay.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../platform/observability/logger';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { createMoneyDeps } from '../context';
import { leaseDueInstructions } from '../service/clearing';
import { leaseStuckOrders } from '../service/recovery';

const ITEMS = 30;
const BATCH = 4;
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['finance'], gateway: false });
});
afterAll(() => platform.stop());

/** Two workers lease in rounds, at the same moment, until the work is gone; answers what each took. */
async function contend<Item>(lease: () => Promise<Item[]>, id: (item: Item) => string) {
  const taken: string[][] = [[], []];
  for (;;) {
    const [first, second] = await Promise.all([lease(), lease()]);
    if (first.length === 0 && second.length === 0) return taken;
    taken[0]!.push(...first.map(id));
    taken[1]!.push(...second.map(id));
  }
}

test('two sweepers never lease the same stuck order, and together lease them all', async () => {
  const prisma = platform.store('finance');
  const deps = createMoneyDeps(prisma, { clock: platform.clock, log: createLogger('finance-center') });
  const past = new Date(platform.clock.now().getTime() - 60_000);
  const ids: string[] = Array.from({ length: ITEMS }, () => randomUUID());
  await prisma.order.createMany({
    data: ids.map((id) => ({
      id,
      ownerId: 'lease-test-owner',
      kind: 'TRANSFER' as const,
      status: 'CREATED' as const,
      amount: 100n,
      channel: 'MOBILE_APP',
      idempotencyKey: id,
      leaseExpiresAt: past,
    })),
  });

  const [first, second] = await contend(
    () => leaseStuckOrders(deps, BATCH),
    (order) => order.id,
  );
  const all = [...first!, ...second!];
  expect(new Set(all).size).toBe(all.length);
  expect(all.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  expect(second!.length).toBeGreaterThan(0);
});

test('two clearing workers never lease the same instruction, and together lease them all', async () => {
  const prisma = platform.store('finance');
  const deps = createMoneyDeps(prisma, { clock: platform.clock, log: createLogger('finance-center') });
  const now = platform.clock.now();
  const ids: string[] = Array.from({ length: ITEMS }, () => randomUUID());
  await prisma.clearingInstruction.createMany({
    data: ids.map((orderId) => ({ orderId, status: 'QUEUED' as const, dueAt: new Date(now.getTime() - 1_000), createdAt: now })),
  });

  const [first, second] = await contend(
    () => leaseDueInstructions(deps, BATCH),
    (instruction) => instruction.orderId,
  );
  const all = [...first!, ...second!];
  expect(new Set(all).size).toBe(all.length);
  expect(all.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  expect(second!.length).toBeGreaterThan(0);
});
