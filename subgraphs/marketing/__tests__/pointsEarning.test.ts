import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import type { PrismaClient } from '../__generated__/prisma/client';
import { EARNING_TABLE } from '../service/earning';
import { handleOrderEvent } from '../service/orderEvents';
import { recordPointsEntry } from '../service/points';

/**
 * Points follow one earning table per order kind: money that stays the customer's (own transfers,
 * deposits, wealth purchases and their way back, loans) earns nothing, and a reversal takes back
 * exactly what its order earned.
 */
const EVENT = `mutation($event: OrderEventInput!) { recordOrderEvent(event: $event) { duplicate pointsAwarded } }`;
type Receipt = { recordOrderEvent: { duplicate: boolean; pointsAwarded: number } };

let platform: TestPlatform;
let store: PrismaClient;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['marketing'], gateway: false });
  store = platform.store('marketing');
});
afterAll(() => platform.stop());

let sequence = 0;
/** A customer with no points yet, so each test reads its own balance. */
const newCustomer = () => `c0a80001-0000-4000-8000-${String(0xe000 + ++sequence).padStart(12, '0')}`;

function orderEvent(customerId: string, orderKind: string, amount: string, extra: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    eventId: `evt-earning-${sequence}`,
    orderId: `order-earning-${sequence}`,
    customerId,
    orderKind,
    status: 'COMPLETED',
    amount,
    channel: 'MOBILE_APP',
    occurredAt: '2026-11-25T01:30:00.000Z',
    ...extra,
  };
}

async function record(event: Record<string, unknown>) {
  const { body } = await platform.callCenter<Receipt>('marketing', EVENT, {
    variables: { event },
    as: { service: 'finance', scopes: ['marketing:order-events:write'] },
  });
  expect(body.errors).toBeUndefined();
  return body.data!.recordOrderEvent;
}

async function balance(customerId: string): Promise<number> {
  return (await store.pointsAccount.findUnique({ where: { customerId } }))?.balance ?? 0;
}

test('each order kind earns what the table says', async () => {
  const cases: [orderKind: string, route: string | null, points: number][] = [
    ['TRANSFER', 'SAME_BANK', 100],
    ['TRANSFER', 'OTHER_BANK', 100],
    ['TRANSFER', 'OWN', 0],
    ['BILL_PAYMENT', null, 100],
    ['TOP_UP', null, 100],
    ['DEPOSIT_OPEN', null, 0],
    ['DEPOSIT_WITHDRAWAL', null, 0],
    ['WEALTH_PURCHASE', null, 0],
    ['WEALTH_REDEMPTION', null, 0],
    ['LOAN_DISBURSEMENT', null, 0],
    ['LOAN_REPAYMENT', null, 0],
    ['SOMETHING_NEW', null, 0],
  ];
  for (const [orderKind, route, points] of cases) {
    const customerId = newCustomer();
    const answer = await record(orderEvent(customerId, orderKind, '1000.00', route ? { route } : {}));
    expect([orderKind, route, answer.pointsAwarded, await balance(customerId)]).toEqual([orderKind, route, points, points]);
  }
});

test('cycling money earns nothing: open and withdraw a deposit, buy and redeem, move between own accounts', async () => {
  const customerId = newCustomer();
  for (let round = 0; round < 3; round += 1) {
    await record(orderEvent(customerId, 'DEPOSIT_OPEN', '50000.00'));
    await record(orderEvent(customerId, 'DEPOSIT_WITHDRAWAL', '50000.00'));
    await record(orderEvent(customerId, 'WEALTH_PURCHASE', '50000.00', { productId: 'p-wealth-1' }));
    await record(orderEvent(customerId, 'WEALTH_REDEMPTION', '50000.00', { productId: 'p-wealth-1' }));
    await record(orderEvent(customerId, 'TRANSFER', '50000.00', { route: 'OWN' }));
  }
  expect(await balance(customerId)).toBe(0);
  expect(await store.pointsEntry.count({ where: { customerId } })).toBe(0);
});

test('a reversal takes back exactly what its order earned, once', async () => {
  const customerId = newCustomer();
  await record(orderEvent(customerId, 'BILL_PAYMENT', '100.00')); // another order's points stay
  const completed = orderEvent(customerId, 'TRANSFER', '258.80', { route: 'OTHER_BANK' });
  expect((await record(completed)).pointsAwarded).toBe(25);
  expect(await balance(customerId)).toBe(10 + 25);

  const reversed = { ...completed, eventId: `${completed.eventId}-reversed`, status: 'REVERSED' };
  expect(await record(reversed)).toEqual({ duplicate: false, pointsAwarded: -25 });
  expect(await balance(customerId)).toBe(10);
  // Redelivered, or a second reversal event for the same order: nothing more.
  expect(await record(reversed)).toEqual({ duplicate: true, pointsAwarded: -25 });
  expect(await record({ ...reversed, eventId: `${completed.eventId}-reversed-again` })).toEqual({ duplicate: false, pointsAwarded: 0 });
  expect(await balance(customerId)).toBe(10);
  const entries = await store.pointsEntry.findMany({ where: { customerId }, orderBy: { id: 'asc' } });
  expect(entries.map((entry) => [entry.reference, entry.delta])).toEqual([
    [expect.stringMatching(/^order:/), 10],
    [`order:${completed.orderId}`, 25],
    [`order:${completed.orderId}:reversal`, -25],
  ]);
});

test('a reversal takes back what was earned even after the rate table changed', async () => {
  const customerId = newCustomer();
  // Earned under an older, richer table: one point per 1.00 yuan for bill payments.
  const completed = orderEvent(customerId, 'BILL_PAYMENT', '300.00');
  const outcome = await handleOrderEvent(
    store,
    { ...completed, channel: 'MOBILE_APP', amountFen: 30000n, occurredAt: new Date(completed.occurredAt) },
    platform.clock.now(),
    [{ orderKind: 'BILL_PAYMENT', fenPerPoint: 100n }],
  );
  expect(outcome.pointsAwarded).toBe(300);
  // Reversed under today's table (which would give 30 for this order): the 300 given are taken back.
  expect((await record({ ...completed, eventId: `${completed.eventId}-reversed`, status: 'REVERSED' })).pointsAwarded).toBe(-300);
  expect(await balance(customerId)).toBe(0);
});

test('points already spent: the reversal takes the balance, never below zero, and says what was due', async () => {
  const customerId = newCustomer();
  const completed = orderEvent(customerId, 'TOP_UP', '300.00');
  expect((await record(completed)).pointsAwarded).toBe(30);
  await recordPointsEntry(store, { customerId, delta: -20, reason: '积分抵扣', reference: 'spend-earning-test', at: platform.clock.now() });
  expect((await record({ ...completed, eventId: `${completed.eventId}-reversed`, status: 'REVERSED' })).pointsAwarded).toBe(-10);
  expect(await balance(customerId)).toBe(0);
  const reversal = await store.pointsEntry.findUniqueOrThrow({
    where: { customerId_reference: { customerId, reference: `order:${completed.orderId}:reversal` } },
  });
  expect(reversal.delta).toBe(-10);
  expect(reversal.reason).toContain('应扣 30');
});

test('an order reversed before its completion arrived earns nothing', async () => {
  const customerId = newCustomer();
  const completed = orderEvent(customerId, 'BILL_PAYMENT', '500.00');
  expect((await record({ ...completed, eventId: `${completed.eventId}-reversed`, status: 'REVERSED' })).pointsAwarded).toBe(0);
  expect((await record(completed)).pointsAwarded).toBe(0);
  expect(await balance(customerId)).toBe(0);
});

test("the README's earning table is the code's", () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- earning table')).split('\n').slice(1);
  // The table is the lines after the marker up to the first line that is not a table row.
  const table = section.slice(
    0,
    section.findIndex((line) => !line.startsWith('|')),
  );
  const rows = table
    .slice(2)
    .map((line) => line.split('|').map((cell) => cell.trim().replace(/`/g, '')))
    .map(([, orderKind, route, points]) => ({
      orderKind: orderKind!,
      ...(route === 'any' ? {} : { route: route! }),
      fenPerPoint: points === 'none' ? null : BigInt(Math.round(Number(/^1 per ([\d.]+) yuan$/.exec(points!)![1]) * 100)),
    }));
  expect(rows).toEqual(EARNING_TABLE.map((rule) => ({ ...rule })));
});
