/**
 * The order machine against a real finance database: a move returns the order exactly as Prisma
 * reads it (every column, same types); every move of the table moves an order from each of its
 * `from` states and from no other; a move that finds the order elsewhere returns null and writes
 * nothing; the table's effects are written by the move's statement for their kind only; an answer
 * kept with the completion lands under the order's key only once.
 */
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { OrderStatus, PrismaClient } from '../__generated__/prisma/client';
import { ORDER_MOVES, OrderMove, moveOrder } from '../service/orderMachine';

const STATUSES = Object.values(OrderStatus);
const owner = (id: string) => ({ id, ownerId: 'cust-1', kind: 'WEALTH_PURCHASE' as const });

describe('the order machine', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const at = new Date('2026-11-25T02:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase('finance');
    prisma = createPrismaClient(PrismaClient, database.url, 2).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** An order with every nullable column filled, so a column the returned row misses shows up. */
  async function newOrder(key: string, kind: 'WEALTH_PURCHASE' | 'TRANSFER' = 'WEALTH_PURCHASE') {
    const id = randomUUID();
    await prisma.$transaction([
      prisma.idempotencyRecord.create({
        data: { ownerId: 'cust-1', key, requestHash: 'h', orderId: id, createdAt: at, expiresAt: new Date(at.getTime() + 86_400_000) },
      }),
      prisma.order.create({
        data: {
          id,
          ownerId: 'cust-1',
          kind,
          amount: 1_000_00n,
          sourceAccountId: 'acc-1',
          destinationMasked: '稳健理财 1号',
          payeeId: 'payee-1',
          channel: 'MOBILE_APP',
          memo: 'memo',
          idempotencyKey: key,
          requestHash: 'h',
          route: 'CUSTODY',
          destinationAccountNumber: '6230580000000001',
          destinationName: '稳健理财 1号',
          destinationBank: '本行',
          destinationAccountId: 'acc-2',
          sourceAccountClass: 'II',
          sourceAccountNumber: '6230580000000002',
          sourceHolderName: '张三',
          countsToClassLimit: false,
          challengeMethods: ['SMS_OTP'],
          discount: 5_00n,
          interest: 1_00n,
          depositId: randomUUID(),
          loanId: `loan-${id}`,
          productId: 'prod-1',
          couponId: 'coupon-1',
          nav: 10_000n,
          entryId: 'entry-0',
          leaseExpiresAt: at,
          createdAt: at,
          updatedAt: at,
        },
      }),
    ]);
    return id;
  }

  /** Puts the order in `status` directly: the test's setup, not a move. */
  const place = (id: string, status: OrderStatus) =>
    prisma.$executeRaw`UPDATE payment_order SET status = ${status}::"OrderStatus" WHERE id = ${id}`;

  it('returns the moved order exactly as Prisma reads it, with the changes applied', async () => {
    const id = await newOrder(`k-${randomUUID()}`);
    const moved = await moveOrder(prisma, owner(id), 'reserve', at, {
      riskDecision: 'ALLOW',
      riskDecisionId: 'rd-1',
    });
    const read = await prisma.order.findUniqueOrThrow({ where: { id } });
    expect(moved).toEqual(read);
    expect(moved).toMatchObject({ status: 'RESERVED', riskDecision: 'ALLOW', riskDecisionId: 'rd-1', amount: 1_000_00n, nav: 10_000n });
  });

  it('returns null and writes nothing when the order is not in a `from` status', async () => {
    const id = await newOrder(`k-${randomUUID()}`);
    const before = await prisma.order.findUniqueOrThrow({ where: { id } });
    expect(
      await moveOrder(prisma, owner(id), 'complete', at, {
        response: { json: { kind: 'COMPLETED', orderId: id }, riskDecision: 'ALLOW' },
      }),
    ).toBeNull();
    expect(await prisma.order.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await prisma.outboxEvent.count({ where: { aggregateId: id } })).toBe(0);
    expect((await prisma.idempotencyRecord.findFirstOrThrow({ where: { orderId: id } })).response).toBeNull();
  });

  it('keeps the answer under the order key with the COMPLETED change, and never overwrites a kept one', async () => {
    const key = `k-${randomUUID()}`;
    const id = await newOrder(key);
    await moveOrder(prisma, owner(id), 'post', at);
    const completed = await moveOrder(prisma, owner(id), 'complete', at, {
      response: { json: { kind: 'COMPLETED', orderId: id }, riskDecision: 'ALLOW' },
    });
    expect(completed).toMatchObject({ status: 'COMPLETED', completedAt: at });
    const record = await prisma.idempotencyRecord.findUniqueOrThrow({ where: { ownerId_key: { ownerId: 'cust-1', key } } });
    expect({ response: record.response, riskDecision: record.riskDecision }).toEqual({
      response: { kind: 'COMPLETED', orderId: id },
      riskDecision: 'ALLOW',
    });

    // Another order's completion touches only its own key's record.
    const otherKey = `k-${randomUUID()}`;
    const other = await newOrder(otherKey);
    await moveOrder(prisma, owner(other), 'post', at);
    await prisma.idempotencyRecord.update({
      where: { ownerId_key: { ownerId: 'cust-1', key: otherKey } },
      data: { response: { kind: 'PENDING', orderId: other } },
    });
    await moveOrder(prisma, owner(other), 'complete', at, {
      response: { json: { kind: 'COMPLETED', orderId: other }, riskDecision: null },
    });
    expect(
      (await prisma.idempotencyRecord.findUniqueOrThrow({ where: { ownerId_key: { ownerId: 'cust-1', key: otherKey } } })).response,
    ).toEqual({ kind: 'PENDING', orderId: other });
    expect((await prisma.idempotencyRecord.findUniqueOrThrow({ where: { ownerId_key: { ownerId: 'cust-1', key } } })).response).toEqual({
      kind: 'COMPLETED',
      orderId: id,
    });
  });

  it.each(Object.keys(ORDER_MOVES) as OrderMove[])('%s moves an order from each of its `from` states and from no other', async (move) => {
    const { from, to } = ORDER_MOVES[move];
    for (const status of STATUSES) {
      const id = await newOrder(`k-${randomUUID()}`, 'TRANSFER');
      await place(id, status);
      const moved = await moveOrder(prisma, { id, ownerId: 'cust-1', kind: 'TRANSFER' }, move, at);
      const allowed = (from as readonly OrderStatus[]).includes(status);
      expect({ status, moved: moved?.status ?? null }).toEqual({ status, moved: allowed ? to : null });
      expect(await prisma.outboxEvent.count({ where: { aggregateId: id, type: `ORDER_${to}` } })).toBe(allowed ? 1 : 0);
    }
  });

  it("writes a kind's effects with its move only: a completed purchase gets its holding once, a transfer none", async () => {
    const purchase = await newOrder(`k-${randomUUID()}`);
    const transfer = await newOrder(`k-${randomUUID()}`, 'TRANSFER');
    for (const id of [purchase, transfer]) await place(id, 'POSTED');
    await moveOrder(prisma, owner(purchase), 'complete', at);
    await moveOrder(prisma, owner(purchase), 'complete', at);
    await moveOrder(prisma, { id: transfer, ownerId: 'cust-1', kind: 'TRANSFER' }, 'complete', at);
    // Price = paid + discount = 1,005.00 at NAV 1.0000: 1,005.00 shares.
    expect(await prisma.holding.findMany({ where: { orderId: { in: [purchase, transfer] } } })).toEqual([
      expect.objectContaining({ orderId: purchase, amount: 1_005_00n, discount: 5_00n, shares: 1_005_00n, productId: 'prod-1' }),
    ]);
  });
});
