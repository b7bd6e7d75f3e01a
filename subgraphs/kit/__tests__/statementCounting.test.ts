/**
 * Prisma's per-statement query events cost CPU on every statement, so a center store counts its
 * SQL only when asked: under tests (the SQL-budget tests read the count) or with SQL_STATEMENT_COUNT=on.
 */
import { sqlStatementCounting } from '../../../platform/config';
import { createPrismaClient } from '../database/prismaClient';
import { createTestDatabase, TestDatabase } from '../../../test/support/databases';
import { PrismaClient } from '../../user/__generated__/prisma/client';

describe('SQL statement counting', () => {
  it('is off in a serving process unless SQL_STATEMENT_COUNT turns it on, on under tests unless turned off', () => {
    expect(sqlStatementCounting({ NODE_ENV: 'production' })).toBe(false);
    expect(sqlStatementCounting({})).toBe(false);
    expect(sqlStatementCounting({ NODE_ENV: 'production', SQL_STATEMENT_COUNT: 'on' })).toBe(true);
    expect(sqlStatementCounting({ NODE_ENV: 'test' })).toBe(true);
    expect(sqlStatementCounting({ NODE_ENV: 'test', SQL_STATEMENT_COUNT: 'off' })).toBe(false);
  });

  describe('a store', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase('user');
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('counts each statement when counting is on, and nothing when it is off', async () => {
      const counted = createPrismaClient(PrismaClient, database.url, 1, { countStatements: true });
      const uncounted = createPrismaClient(PrismaClient, database.url, 1, { countStatements: false });
      try {
        await counted.client.$queryRaw`SELECT 1`;
        await counted.client.$queryRaw`SELECT 2`;
        await uncounted.client.$queryRaw`SELECT 1`;
        expect(counted.statements).toEqual({ enabled: true, count: 2 });
        expect(uncounted.statements).toEqual({ enabled: false, count: 0 });
      } finally {
        await counted.client.$disconnect();
        await uncounted.client.$disconnect();
      }
    });
  });
});
