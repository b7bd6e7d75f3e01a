/**
 * `transition` against a real finance database: the row it returns is the order exactly as Prisma
 * reads it (every column, same types), a transition that finds the order elsewhere returns null and
 * writes nothing, and an answer kept with the COMPLETED change lands under the order's key only once.
 */
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../__generated__/prisma/client';
import { transition } from '../service/orderSteps';

describe('transition', () => {
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
  async function newOrder(key: string) {
    const id = randomUUID();
    await prisma.$transaction([
      prisma.idempotencyRecord.create({
        data: { ownerId: 'cust-1', key, requestHash: 'h', orderId: id, createdAt: at, expiresAt: new Date(at.getTime() + 86_400_000) },
      }),
      prisma.order.create({
        data: {
          id,
          ownerId: 'cust-1',
          kind: 'WEALTH_PURCHASE',
          status: 'CREATED',
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

  it('returns the moved order exactly as Prisma reads it, with the changes applied', async () => {
    const id = await newOrder(`k-${randomUUID()}`);
    const moved = await transition(prisma, { id, ownerId: 'cust-1' }, ['CREATED'], 'RESERVED', at, {
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
      await transition(prisma, { id, ownerId: 'cust-1' }, ['POSTED'], 'COMPLETED', at, {
        completed: true,
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
    await transition(prisma, { id, ownerId: 'cust-1' }, ['CREATED'], 'POSTED', at);
    const completed = await transition(prisma, { id, ownerId: 'cust-1' }, ['POSTED'], 'COMPLETED', at, {
      completed: true,
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
    await transition(prisma, { id: other, ownerId: 'cust-1' }, ['CREATED'], 'POSTED', at);
    await prisma.idempotencyRecord.update({
      where: { ownerId_key: { ownerId: 'cust-1', key: otherKey } },
      data: { response: { kind: 'PENDING', orderId: other } },
    });
    await transition(prisma, { id: other, ownerId: 'cust-1' }, ['POSTED'], 'COMPLETED', at, {
      completed: true,
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
});
