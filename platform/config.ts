/**
 * Environment parsing in one place. Every process (gateway, one center, or all of them)
 * reads its settings through these functions, never from `process.env` directly.
 */
import { CenterName, DEFAULT_PORTS } from './centers';

type Env = Readonly<Record<string, string | undefined>>;

export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export function centerPort(center: CenterName | 'gateway', env: Env = process.env): number {
  const raw = env[`${center.toUpperCase()}_PORT`];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[center];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${center.toUpperCase()}_PORT must be a port number, got "${raw}"`);
  }
  return port;
}

/** Where the gateway (or another center) reaches a center: `<CENTER>_URL`, else its default port on loopback. */
export function centerUrl(center: CenterName, env: Env = process.env): string {
  return env[`${center.toUpperCase()}_URL`] || `http://127.0.0.1:${centerPort(center, env)}/graphql`;
}

/**
 * Each center owns one database: `<CENTER>_DATABASE_URL`, else a database named
 * `<prefix>_<center>` on the server of `DATABASE_URL`.
 */
export function centerDatabaseUrl(center: CenterName, serverUrl: string, env: Env = process.env): string {
  const own = env[`${center.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  return withDatabase(serverUrl, centerDatabaseName(center, env));
}

export function centerDatabaseName(center: CenterName, env: Env = process.env): string {
  const prefix = env.DATABASE_NAME_PREFIX || 'bank';
  return `${prefix}_${center}`;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function logLevel(env: Env = process.env): string {
  return env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info');
}

/**
 * Whether center stores count their SQL statements (Prisma's per-statement query events, which
 * cost CPU on every statement): `SQL_STATEMENT_COUNT=on|off`, else on only under tests (the SQL
 * budget tests read the count). The bench and the transfer trace turn it on.
 */
export function sqlStatementCounting(env: Env = process.env): boolean {
  if (env.SQL_STATEMENT_COUNT) return env.SQL_STATEMENT_COUNT !== 'off';
  return env.NODE_ENV === 'test';
}
