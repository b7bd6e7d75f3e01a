/**
 * A burst of one customer's orders queues for the customer's lock instead of failing: every
 * reservation waits for a pooled connection and then for the advisory lock, and answers a decision
 * (ok or the limit it would pass) — never an internal "unable to start a transaction" error because
 * Prisma's default two-second wait for a connection (or five-second transaction) ran out while
 * others held the lock. Here another session holds the customer's lock for longer than both
 * defaults while more reservations than the pool has connections wait for it.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient } from '../../kit/database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../__generated__/prisma/client';
import { reserveLimit } from '../service/reservations';

const CUSTOMER = 'cust-queue';
const LOCK_HELD_MS = 6_000;

describe('a burst of one customer’s reservations', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase('limits');
    prisma = createPrismaClient(PrismaClient, database.url, 2).client;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('waits for the lock and the pool and answers every order', async () => {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`limits:${CUSTOMER}`]);
      const at = new Date('2026-11-25T02:00:00.000Z');
      const outcomes = Promise.allSettled(
        Array.from({ length: 5 }, () =>
          reserveLimit(prisma, {
            orderId: randomUUID(),
            customerId: CUSTOMER,
            accountId: 'acct-queue',
            accountClass: 'I',
            countsToClassLimit: true,
            channel: 'MOBILE_APP',
            amount: 100_00n,
            at,
          }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, LOCK_HELD_MS));
      await holder.query('COMMIT');
      const settled = await outcomes;
      expect(
        settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason)),
      ).toEqual([]);
      expect(settled.map((outcome) => (outcome as PromiseFulfilledResult<{ ok: boolean }>).value.ok)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
    } finally {
      await holder.end();
    }
  }, 30_000);
});
