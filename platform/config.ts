/**
 * The platform's configuration: the environment validated once against `configSchema`
 * (platform/configSchema.ts) and read through `config()` and the accessors below, never from
 * `process.env` directly. An invalid setting — an unknown NODE_ENV, a malformed port, demo data in
 * production — stops the start with a message naming each variable (`ConfigError`).
 *
 * `config()` parses `process.env` on first use and keeps the result; `reloadConfig()` re-reads it
 * (the test harness, after it points `<CENTER>_URL` at the centers it started). `config(env)`
 * parses a given environment without keeping it.
 */
import { CenterName, DEFAULT_PORTS } from './centers';
import { configSchema, Mode, RawConfig } from './configSchema';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What only a developer's machine gets. In development all are on; in production and test none,
 * unless whoever starts a process (the test harness) turns one on explicitly.
 */
export interface DevelopmentFeatures {
  /** Any GraphQL document, not only each channel's trusted documents. */
  adHocDocuments: boolean;
  /** Unexpected errors and stack traces shown to the client instead of masked. */
  unmaskedErrors: boolean;
  /** Any browser origin when no `CORS_ORIGINS_<CHANNEL>` is set. */
  openCors: boolean;
  /** A request without `x-channel` counts as WEB (Sandbox works without setup). */
  defaultChannel: boolean;
  /** SMS written to the outbox table and readable by anyone through `developmentSmsOutbox`. */
  smsOutbox: boolean;
  /** Mini-program sign-in against sandbox providers instead of WeChat's and Alipay's. */
  sandboxMiniPrograms: boolean;
  /** The demo operator's TOTP secret printed in the auth center's start-up log. */
  operatorTotpInLog: boolean;
  /** Introspection, field suggestions and the Apollo Sandbox landing page. */
  introspection: boolean;
  /** The refresh cookie without `Secure` (plain-HTTP localhost). */
  insecureCookies: boolean;
  /** Platform secrets generated under `.data/secrets/` when not configured. */
  generatedSecrets: boolean;
  /** Real-name verification against the deterministic stand-in of the public-security register (no REAL_NAME_PROVIDER). */
  realNameStandIn: boolean;
  /** The gateway serves the channel apps' build output at /web/, /h5/ and /ops/ (production hosts them elsewhere). */
  channelApps: boolean;
}

export type DevelopmentFeature = keyof DevelopmentFeatures;

const FEATURE_NAMES: readonly DevelopmentFeature[] = [
  'adHocDocuments',
  'unmaskedErrors',
  'openCors',
  'defaultChannel',
  'smsOutbox',
  'sandboxMiniPrograms',
  'operatorTotpInLog',
  'introspection',
  'insecureCookies',
  'generatedSecrets',
  'realNameStandIn',
  'channelApps',
];

export function developmentFeatures(on: boolean): DevelopmentFeatures {
  return Object.fromEntries(FEATURE_NAMES.map((name) => [name, on])) as unknown as DevelopmentFeatures;
}

/**
 * The development features a server runs with: `production: true` none, `production: false` all,
 * `development` any of them turned on or off; neither given, the configuration's (all in
 * development, none otherwise).
 */
export function chooseDevelopmentFeatures(options: {
  production?: boolean;
  development?: Partial<DevelopmentFeatures>;
}): DevelopmentFeatures {
  const base = options.production === undefined ? config().development : developmentFeatures(!options.production);
  return { ...base, ...options.development };
}

export interface Config {
  /** NODE_ENV; unset means production. */
  mode: Mode;
  development: DevelopmentFeatures;
  /** Demo customers and the demo operator: development unless SEED_DEMO_DATA says otherwise (never in production). */
  seedDemoData: boolean;
  /** Background workers on their timers, whatever the mode, unless CENTER_WORKERS=off. */
  workers: boolean;
  settings: RawConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment; throws ConfigError listing every problem. */
export function parseConfig(env: Env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  const settings = parsed.data;
  const mode: Mode = settings.NODE_ENV ?? 'production';
  if (mode === 'production' && settings.SEED_DEMO_DATA === 'true') {
    throw new ConfigError([
      'SEED_DEMO_DATA: demo data is refused in production (its customers have a public password and trusted devices); unset it or set it to false',
    ]);
  }
  if (mode === 'production' && settings.CARD_VERIFICATION_PROVIDER === 'stand-in') {
    throw new ConfigError([
      "CARD_VERIFICATION_PROVIDER: the stand-in is refused in production (it passes any other bank's card not ending in a test suffix); unset it",
    ]);
  }
  return {
    mode,
    development: developmentFeatures(mode === 'development'),
    seedDemoData: settings.SEED_DEMO_DATA === undefined ? mode === 'development' : settings.SEED_DEMO_DATA === 'true',
    workers: settings.CENTER_WORKERS !== 'off',
    settings,
  };
}

let current: Config | undefined;

/** The process's configuration (parsed on first use), or the given environment's. */
export function config(env?: Env): Config {
  if (env !== undefined && env !== process.env) return parseConfig(env);
  current ??= parseConfig(process.env);
  return current;
}

/** Re-reads `process.env`: for whoever changed it on purpose after start (the test harness). */
export function reloadConfig(): Config {
  current = parseConfig(process.env);
  return current;
}

/**
 * For start scripts, first thing: validates the environment, or prints what is wrong and stops
 * the process (exit code 2) before anything is started.
 */
export function loadConfigOrExit(): Config {
  try {
    return reloadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

export function isProduction(env?: Env): boolean {
  return config(env).mode === 'production';
}

export function centerPort(center: CenterName | 'gateway', env?: Env): number {
  const settings = config(env).settings;
  return (center === 'gateway' ? settings.GATEWAY_PORT : settings[`${upper(center)}_PORT`]) ?? DEFAULT_PORTS[center];
}

/**
 * The interface a center listens on: `<CENTER>_HOST`, else `CENTER_HOST`, else loopback. A center
 * serves only the gateway and other centers, so it is reachable from elsewhere only when a
 * deployment says so (a pod network, `0.0.0.0`).
 */
export function centerHost(center: CenterName, env?: Env): string {
  const settings = config(env).settings;
  return settings[`${upper(center)}_HOST`] ?? settings.CENTER_HOST ?? '127.0.0.1';
}

/**
 * How often a caller polls each replica's readiness (platform/http/replicaSet.ts): `READINESS_INTERVAL_MS`, default 2 s.
 * A process shutting down keeps serving for at least two of these (`shutdownDrainMs`), so every caller has seen it go.
 */
export function readinessIntervalMs(env?: Env): number {
  return config(env).settings.READINESS_INTERVAL_MS ?? 2_000;
}

/** How long a process keeps serving after SIGTERM, readiness off: `SHUTDOWN_DRAIN_MS`, else two readiness intervals and a second. */
export function shutdownDrainMs(env?: Env): number {
  return config(env).settings.SHUTDOWN_DRAIN_MS ?? 2 * readinessIntervalMs(env) + 1_000;
}

/** After a shutting-down process stops accepting, how long in-flight requests may take: `SHUTDOWN_GRACE_MS`, else 10 s. */
export function shutdownGraceMs(env?: Env): number {
  return config(env).settings.SHUTDOWN_GRACE_MS ?? 10_000;
}

/**
 * Where the gateway (or another center) reaches a center: `<CENTER>_URL`, else its default port on loopback. The value
 * may list replicas or name a host resolved to several (platform/http/replicaTargets.ts).
 */
export function centerUrl(center: CenterName, env?: Env): string {
  return config(env).settings[`${upper(center)}_URL`] ?? `http://127.0.0.1:${centerPort(center, env)}/graphql`;
}

/**
 * Each center owns one database: `<CENTER>_DATABASE_URL`, else a database named
 * `<prefix>_<center>` on the server of `DATABASE_URL`.
 */
export function centerDatabaseUrl(center: CenterName, serverUrl: string, env?: Env): string {
  return config(env).settings[`${upper(center)}_DATABASE_URL`] ?? withDatabase(serverUrl, centerDatabaseName(center, env));
}

export function centerDatabaseName(center: CenterName, env?: Env): string {
  return `${config(env).settings.DATABASE_NAME_PREFIX ?? 'bank'}_${center}`;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function logLevel(env?: Env): string {
  const { settings, mode } = config(env);
  return settings.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info');
}

/**
 * Whether center stores count their SQL statements (Prisma's per-statement query events, which
 * cost CPU on every statement): `SQL_STATEMENT_COUNT=on|off`, else on only under tests (the SQL
 * budget tests read the count). The bench and the transfer trace turn it on.
 */
export function sqlStatementCounting(env?: Env): boolean {
  const { settings, mode } = config(env);
  return settings.SQL_STATEMENT_COUNT === undefined ? mode === 'test' : settings.SQL_STATEMENT_COUNT === 'on';
}

/** Where order events travel: NATS JetStream when `NATS_URL` is set, else null (finance's HTTP relay). */
export function orderEventBus(env?: Env): { servers: string[]; stream: string } | null {
  const { settings } = config(env);
  if (!settings.NATS_URL) return null;
  const servers = settings.NATS_URL.split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  return { servers, stream: settings.NATS_ORDER_EVENTS_STREAM ?? 'ORDER_EVENTS' };
}

function upper<Center extends CenterName>(center: Center): Uppercase<Center> {
  return center.toUpperCase() as Uppercase<Center>;
}

/** A process's metrics port is its service port plus this when `<NAME>_METRICS_PORT` is not set: gateway 9000, centers 9001…9008. */
export const METRICS_PORT_OFFSET = 5000;

/**
 * The port a process serves `/metrics` on (platform/observability/metricsServer.ts), never its
 * public one: `<NAME>_METRICS_PORT` (`GATEWAY_METRICS_PORT`, `ACCOUNT_METRICS_PORT`, …), else the
 * service port plus METRICS_PORT_OFFSET. `0` picks a free port, and so does a process started on
 * port 0 or under NODE_ENV=test (tests restart centers on the ephemeral port they had, where + 5000
 * may be taken or past 65535; they read the port from the running server); `off` serves no metrics.
 */
export function metricsPort(name: CenterName | 'gateway', servicePort: number, env: Env = process.env): number | null {
  const variable = `${name.toUpperCase()}_METRICS_PORT`;
  const raw = env[variable]?.trim();
  if (raw === 'off') return null;
  if (raw) {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError([`${variable}: must be a port number or off, got "${raw}"`]);
    return port;
  }
  if (servicePort === 0 || env.NODE_ENV === 'test') return 0;
  const derived = servicePort + METRICS_PORT_OFFSET;
  if (derived > 65535) throw new ConfigError([`${variable}: service port ${servicePort} + ${METRICS_PORT_OFFSET} is no port; set it`]);
  return derived;
}

/** The interface metrics ports listen on: `METRICS_HOST` (e.g. the pod's address for Prometheus), else loopback. */
export function metricsHost(env: Env = process.env): string {
  return env.METRICS_HOST?.trim() || '127.0.0.1';
}
