import { PrismaPg } from '@prisma/adapter-pg';

export interface StatementCounter {
  /** SQL statements sent since the process started; tests read the difference. */
  readonly count: number;
}

interface QueryEventSource {
  $on(event: 'query', listener: (event: unknown) => void): void;
}

interface PrismaClientOptions {
  adapter: PrismaPg;
  log: { emit: 'event'; level: 'query' }[];
}

/**
 * One Prisma client per center store, created once per process and handed to resolvers through
 * the context (resolvers never import it). The client runs on the `pg` driver adapter, so no native
 * query engine is needed. Every statement is counted: the home screen's SQL budget is tested.
 */
export function createPrismaClient<Client extends QueryEventSource>(
  PrismaClient: new (options: PrismaClientOptions) => Client,
  databaseUrl: string,
  poolSize = 10,
): { client: Client; statements: StatementCounter } {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const statements = { count: 0 };
  client.$on('query', () => {
    statements.count += 1;
  });
  return { client, statements };
}
