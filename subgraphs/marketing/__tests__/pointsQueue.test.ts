/**
 * A burst of one customer's points spends queues on the balance row instead of failing: each spend's
 * transaction waits for a pooled connection and then for the row lock, and answers (a new balance or
 * INSUFFICIENT_POINTS) — never Prisma's "unable to start a transaction" because its default two-second
 * wait for a connection (or five-second transaction) ran out while others held the lock. Here another
 * session holds the customer's balance row for longer than both defaults while more spends than the
 * pool has connections wait for it.
 */
import { Client } from 'pg';
import { DEMO_CUSTOMERS } from '../../kit/demo';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../__generated__/prisma/client';
import { recordPointsEntry } from '../service/points';

const [zhang] = DEMO_CUSTOMERS;
const LOCK_HELD_MS = 6_000;

describe("a burst of one customer's points spends", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase('marketing');
    prisma = createPrismaClient(PrismaClient, database.url, 2).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('waits for the balance row and the pool and answers every spend', async () => {
    const before = (await prisma.pointsAccount.findUniqueOrThrow({ where: { customerId: zhang!.id } })).balance;
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT balance FROM points_account WHERE customer_id = $1 FOR UPDATE', [zhang!.id]);
      const at = new Date('2026-11-25T02:00:00.000Z');
      const spends = Promise.allSettled(
        Array.from({ length: 5 }, (_, index) =>
          recordPointsEntry(prisma, { customerId: zhang!.id, delta: -10, reason: '兑换', reference: `queued-${index}`, at }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, LOCK_HELD_MS));
      await holder.query('COMMIT');
      const settled = await spends;
      expect(
        settled.filter((spend) => spend.status === 'rejected').map((spend) => String((spend as PromiseRejectedResult).reason)),
      ).toEqual([]);
      expect((await prisma.pointsAccount.findUniqueOrThrow({ where: { customerId: zhang!.id } })).balance).toBe(before - 50);
    } finally {
      await holder.end();
    }
  }, 30_000);
});
