import { PrismaPg } from '@prisma/adapter-pg';
import { sqlStatementCounting } from '../../../platform/config';

export interface StatementCounter {
  /** Whether statements are counted at all (`SQL_STATEMENT_COUNT`, on under tests); when not, `count` stays 0. */
  readonly enabled: boolean;
  /** SQL statements sent since the process started; tests read the difference. */
  readonly count: number;
}

interface QueryEventSource {
  $on(event: 'query', listener: (event: unknown) => void): void;
}

interface PrismaClientOptions {
  adapter: PrismaPg;
  log?: { emit: 'event'; level: 'query' }[];
}

export interface PrismaClientSettings {
  /** Count every statement (Prisma query events); defaults to `sqlStatementCounting()`. */
  countStatements?: boolean;
}

/**
 * One Prisma client per center store, created once per process and handed to resolvers through
 * the context (resolvers never import it). The client runs on the `pg` driver adapter, so no native
 * query engine is needed. Statements are counted only where asked (tests of the home screen's SQL
 * budget, the bench's SQL per operation): Prisma's query events cost CPU on every statement, so a
 * serving process leaves them off.
 */
export function createPrismaClient<Client extends QueryEventSource>(
  PrismaClient: new (options: PrismaClientOptions) => Client,
  databaseUrl: string,
  poolSize = 10,
  settings: PrismaClientSettings = {},
): { client: Client; statements: StatementCounter } {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  const enabled = settings.countStatements ?? sqlStatementCounting();
  const client = new PrismaClient(enabled ? { adapter, log: [{ emit: 'event', level: 'query' }] } : { adapter });
  const statements = { enabled, count: 0 };
  if (enabled) {
    client.$on('query', () => {
      statements.count += 1;
    });
  }
  return { client, statements };
}
