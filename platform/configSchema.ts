/**
 * Every environment variable the platform reads, with its type, its meaning and its default: one
 * zod schema, validated once at start (platform/config.ts). The README's configuration table is
 * generated from it (`npm run docs:config`), so a setting added here is documented by adding it.
 *
 * A setting is `documented(schema, meaning, shownDefault)`; a family of variables (one per center,
 * per channel) is written once with `perCenter`/`perChannel` and shown as one row (`<CENTER>_URL`).
 * Values are strings from the environment; an empty string counts as unset.
 */
import { z } from 'zod';
import { CENTERS, CenterName } from './centers';
import { addressRangesProblem } from './http/addressRanges';

export const MODES = ['development', 'test', 'production'] as const;
export type Mode = (typeof MODES)[number];

const CHANNEL_NAMES = ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'] as const;
type ChannelKey = (typeof CHANNEL_NAMES)[number];

/** What the README shows for a setting: the row's variable (a family's pattern), meaning and default. */
export interface SettingDoc {
  variable?: string;
  meaning: string;
  shownDefault: string;
}

const docs = new WeakMap<z.ZodType, SettingDoc>();

function documented<Schema extends z.ZodType>(schema: Schema, meaning: string, shownDefault: string, variable?: string): Schema {
  docs.set(schema, { meaning, shownDefault, variable });
  return schema;
}

export function settingDoc(schema: z.ZodType): SettingDoc | undefined {
  return docs.get(schema);
}

type PerCenter<Suffix extends string, Schema> = Record<`${Uppercase<CenterName>}${Suffix}`, Schema>;

function perCenter<Suffix extends string, Schema extends z.ZodType>(suffix: Suffix, schema: Schema): PerCenter<Suffix, Schema> {
  return Object.fromEntries(CENTERS.map((center) => [`${center.toUpperCase()}${suffix}`, schema])) as PerCenter<Suffix, Schema>;
}

function perChannel<Prefix extends string, Schema extends z.ZodType>(
  prefix: Prefix,
  schema: Schema,
): Record<`${Prefix}${ChannelKey}`, Schema> {
  return Object.fromEntries(CHANNEL_NAMES.map((channel) => [`${prefix}${channel}`, schema])) as Record<`${Prefix}${ChannelKey}`, Schema>;
}

const onOff = z.enum(['on', 'off']);
const port = z.coerce.number().int().min(0).max(65535);
const positiveInteger = z.coerce.number().int().positive();
/** `v2:sm4-ctr-hmac-sm3:<base64>,v3:aes-256-gcm:<base64>`: checked in full by subgraphs/kit/fieldEncryption/keyring.ts. */
const FIELD_KEYRING_FORMAT =
  /^\s*v?\d+:(aes-256-gcm|sm4-ctr-hmac-sm3):[A-Za-z0-9+/=]+\s*(,\s*v?\d+:(aes-256-gcm|sm4-ctr-hmac-sm3):[A-Za-z0-9+/=]+\s*)*$/;
const base64Secret = z.string().refine((value) => Buffer.from(value, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded');

/** Each process's internal metrics listener (platform/observability/metricsServer.ts). */
const metricsPortSetting = documented(
  z.union([z.literal('off'), port]).optional(),
  "port of a process's internal `/metrics` listener; `0` a free port, `off` none",
  'service port + 5000 (gateway 9000, centers 9001…9008); a free port in tests',
  '`<NAME>_METRICS_PORT` (`GATEWAY`, `ACCOUNT`, …)',
);
/** One row for the whole family: each process's own key, never another's (SECURITY.md). */
const internalSigningKey = documented(
  z.string().optional(),
  "a process's own internal signing key (Ed25519, PKCS#8 PEM, `npm run keys:internal`), or `_FILE`: a mounted file; " +
    'each process is given only its own; required outside development',
  'development: generated once under `.data/internal-keys/`',
  '`<NAME>_INTERNAL_SIGNING_KEY[_FILE]` (`GATEWAY`, `ACCOUNT`, …)',
);
const internalTrustedKeys = documented(
  z.string().optional(),
  'JWKS of the public internal keys of the processes that call this one (`kid` = `<owner>:<digest>`); during a key switch it holds the old and the new key',
  'development: every generated key',
  '`INTERNAL_TRUSTED_KEYS[_FILE]`',
);

/** Tencent Cloud API key pair of the SMS vendor, or `_FILE`: a mounted file holding it. */
const tencentSmsSecret = documented(
  z.string().optional(),
  'the Tencent Cloud API key pair SendSms is signed with (a sub-account allowed only `sms:SendSms`), or `_FILE`: a mounted file; ' +
    'required with `SMS_PROVIDER=tencent`',
  'none',
  '`TENCENT_SMS_SECRET_ID[_FILE]`, `TENCENT_SMS_SECRET_KEY[_FILE]`',
);
/** One approved template per kind of message (subgraphs/auth/service/sms/templates.ts lists each one's parameters). */
const smsTemplate = documented(
  z.string().regex(/^\d+$/, 'a template id, digits').optional(),
  'approved SMS template ids: sign-in code on a new device, step-up code (names the action: free text, so not a code-only template), ' +
    'registration code, and the notice a registration for an already registered mobile gets instead; required with `SMS_PROVIDER=tencent`',
  'none',
  '`SMS_TEMPLATE_LOGIN_CODE`, `SMS_TEMPLATE_STEP_UP_CODE`, `SMS_TEMPLATE_REGISTRATION_CODE`, `SMS_TEMPLATE_REGISTERED_NOTICE`',
);
/** Per-mobile SMS limits, rolling windows, counted before the vendor is asked (Redis when configured). */
const smsLimit = documented(
  positiveInteger.optional(),
  'SMS to one mobile, whatever the purpose, within any 60 s, hour and 24 hours; the next is refused with `SMS_RATE_LIMITED`',
  '1, 5, 10',
  '`SMS_LIMIT_PER_MINUTE`, `SMS_LIMIT_PER_HOUR`, `SMS_LIMIT_PER_DAY`',
);

export const configShape = {
  NODE_ENV: documented(
    z
      .enum(MODES, { error: (issue) => `must be development, test or production, got "${String(issue.input)}" (unset means production)` })
      .optional(),
    '`development` turns on the development-only features (ad-hoc documents, unmasked errors, open CORS, the SMS outbox, ' +
      'sandbox mini-program sign-in, Sandbox and introspection, generated secrets, demo data); `production` none of them; ' +
      '`test` none unless the test harness asks. Any other value stops the process',
    'production (`npm start`: development)',
  ),
  SEED_DEMO_DATA: documented(
    z.enum(['true', 'false']).optional(),
    'demo customers (public password, trusted demo devices, a saved payee) and the ADMIN operator `ops`; `true` is refused in production. ' +
      'Reference data (limit rules, credit rules, risk rules, billers, products, GL accounts) is seeded in every mode',
    'development: true; otherwise false',
  ),
  CENTER_WORKERS: documented(
    onOff.optional(),
    '`off`: a center process only serves requests (no recovery sweeper, clearing, outbox relay, settlement or disbursement workers), whatever the mode',
    'on',
  ),
  DATABASE_URL: documented(
    z.string().optional(),
    'PostgreSQL server; each center gets the database `<prefix>_<center>` on it',
    'embedded PostgreSQL under `.data/`',
  ),
  ...perCenter(
    '_DATABASE_URL',
    documented(
      z.string().optional(),
      "one center's own database (e.g. `ACCOUNT_DATABASE_URL`)",
      'derived from `DATABASE_URL`',
      '<CENTER>_DATABASE_URL',
    ),
  ),
  DATABASE_NAME_PREFIX: documented(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'letters, digits and underscores, starting with a letter')
      .optional(),
    'prefix of the per-center database names',
    '`bank`',
  ),
  ...perCenter(
    '_URL',
    documented(
      z
        .string()
        .refine(
          (value) => value.split(',').every((url) => z.url().safeParse(url.trim()).success),
          'one URL, or a comma-separated list of URLs',
        )
        .optional(),
      'where the gateway and other centers reach a center: one URL, a comma-separated list of its replicas, or one host name ' +
        'resolved to every replica address (re-resolved every 5 s); calls are balanced over the ready replicas (README: Replicas)',
      '`http://127.0.0.1:<port>/graphql`',
      '<CENTER>_URL',
    ),
  ),
  READINESS_INTERVAL_MS: documented(
    positiveInteger.optional(),
    "how often a caller polls each replica's `/health/ready` when a center has several (a list or a host name)",
    '2000',
  ),
  SHUTDOWN_DRAIN_MS: documented(
    z.coerce.number().int().min(0).optional(),
    'on SIGTERM, how long a process keeps serving with readiness off and `Connection: close` before it stops accepting and ' +
      "finishes in-flight work (at least two of its callers' readiness intervals); a second SIGTERM ends the wait",
    '2 × `READINESS_INTERVAL_MS` + 1000',
  ),
  SHUTDOWN_GRACE_MS: documented(
    z.coerce.number().int().min(0).optional(),
    'after a shutting-down process stops accepting, how long its in-flight requests may still take before their ' +
      "connections are closed (the orchestrator's grace period must cover the drain and this)",
    '10000',
  ),
  ...perCenter('_PORT', documented(port.optional(), 'listening ports', '4001…4008, 4000', '<CENTER>_PORT, GATEWAY_PORT')),
  CENTER_HOST: documented(
    z.string().optional(),
    'interface a center listens on (all centers, or one: `ACCOUNT_HOST`)',
    'loopback (`127.0.0.1`)',
    '`CENTER_HOST`, `<CENTER>_HOST`',
  ),
  ...perCenter(
    '_HOST',
    documented(
      z.string().optional(),
      'interface a center listens on (all centers, or one: `ACCOUNT_HOST`)',
      'loopback (`127.0.0.1`)',
      '`CENTER_HOST`, `<CENTER>_HOST`',
    ),
  ),
  GATEWAY_PORT: documented(port.optional(), 'listening ports', '4001…4008, 4000', '<CENTER>_PORT, GATEWAY_PORT'),
  ...perCenter('_METRICS_PORT', metricsPortSetting),
  GATEWAY_METRICS_PORT: metricsPortSetting,
  METRICS_HOST: documented(
    z.string().optional(),
    'interface the metrics ports listen on (the pod address for Prometheus); the public ports never serve `/metrics`',
    'loopback (`127.0.0.1`)',
  ),
  EMBEDDED_POSTGRES_PORT: documented(port.optional(), 'port of the embedded PostgreSQL', '54329'),
  DATA_DIR: documented(
    z.string().optional(),
    "a development machine's local state: embedded PostgreSQL, generated secrets and keys",
    '`.data/` in the repository',
  ),
  ...perCenter('_INTERNAL_SIGNING_KEY', internalSigningKey),
  GATEWAY_INTERNAL_SIGNING_KEY: internalSigningKey,
  ...perCenter('_INTERNAL_SIGNING_KEY_FILE', internalSigningKey),
  GATEWAY_INTERNAL_SIGNING_KEY_FILE: internalSigningKey,
  INTERNAL_TRUSTED_KEYS: internalTrustedKeys,
  INTERNAL_TRUSTED_KEYS_FILE: internalTrustedKeys,
  FIELD_ENCRYPTION_KEY: documented(
    base64Secret.optional(),
    'base64 secrets (≥ 32 bytes); required outside development',
    'development: generated once under `.data/secrets/`',
    '`FIELD_ENCRYPTION_KEY`, `BLIND_INDEX_KEY`',
  ),
  BLIND_INDEX_KEY: documented(
    base64Secret.optional(),
    'base64 secrets (≥ 32 bytes); required outside development',
    'development: generated once under `.data/secrets/`',
    '`FIELD_ENCRYPTION_KEY`, `BLIND_INDEX_KEY`',
  ),
  FIELD_ENCRYPTION_KEYS: documented(
    z.string().regex(FIELD_KEYRING_FORMAT, 'comma-separated v<n>:<aes-256-gcm|sm4-ctr-hmac-sm3>:<base64 secret>').optional(),
    'the field-encryption keyring (comma-separated `v<n>:<algorithm>:<base64>`, algorithm `aes-256-gcm` or `sm4-ctr-hmac-sm3`) ' +
      'and the version new values are written with; add a version everywhere before any process writes it (subgraphs/kit/README.md)',
    'v1 = `FIELD_ENCRYPTION_KEY` (AES-256-GCM); the lowest version configured',
    '`FIELD_ENCRYPTION_KEYS`, `FIELD_ENCRYPTION_WRITE_VERSION`',
  ),
  FIELD_ENCRYPTION_WRITE_VERSION: documented(
    z
      .string()
      .regex(/^v?\d+$/, 'a key version such as v2')
      .optional(),
    'the field-encryption keyring (comma-separated `v<n>:<algorithm>:<base64>`, algorithm `aes-256-gcm` or `sm4-ctr-hmac-sm3`) ' +
      'and the version new values are written with; add a version everywhere before any process writes it (subgraphs/kit/README.md)',
    'v1 = `FIELD_ENCRYPTION_KEY` (AES-256-GCM); the lowest version configured',
    '`FIELD_ENCRYPTION_KEYS`, `FIELD_ENCRYPTION_WRITE_VERSION`',
  ),
  BLIND_INDEX_ALGORITHM: documented(
    z.enum(['hmac-sha256', 'hmac-sm3']).optional(),
    'keyed digest of blind indexes; lookups also match the other form until `npm run fields:reencrypt` rewrote them',
    '`hmac-sha256`',
  ),
  WEBAUTHN_RP_ID: documented(
    z.string().optional(),
    "web banking's passkey relying party and allowed page origins; required in production",
    '`localhost`, `http://localhost:4000,http://localhost:3000`',
    '`WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGINS`',
  ),
  WEBAUTHN_ORIGINS: documented(
    z.string().optional(),
    "web banking's passkey relying party and allowed page origins; required in production",
    '`localhost`, `http://localhost:4000,http://localhost:3000`',
    '`WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGINS`',
  ),
  WEBAUTHN_RP_NAME: documented(z.string().optional(), 'the relying-party name passkey prompts show', '农商银行网上银行'),
  WECHAT_MINI_APP_ID: documented(
    z.string().optional(),
    'mini-program sign-in outside development (`code2Session`, `alipay.system.oauth.token`); unset: refused',
    'development: sandbox providers',
    '`WECHAT_MINI_APP_ID`/`_SECRET`, `ALIPAY_MINI_APP_ID`/`_PRIVATE_KEY`',
  ),
  WECHAT_MINI_APP_SECRET: documented(
    z.string().optional(),
    'mini-program sign-in outside development (`code2Session`, `alipay.system.oauth.token`); unset: refused',
    'development: sandbox providers',
    '`WECHAT_MINI_APP_ID`/`_SECRET`, `ALIPAY_MINI_APP_ID`/`_PRIVATE_KEY`',
  ),
  ALIPAY_MINI_APP_ID: documented(
    z.string().optional(),
    'mini-program sign-in outside development (`code2Session`, `alipay.system.oauth.token`); unset: refused',
    'development: sandbox providers',
    '`WECHAT_MINI_APP_ID`/`_SECRET`, `ALIPAY_MINI_APP_ID`/`_PRIVATE_KEY`',
  ),
  ALIPAY_MINI_PRIVATE_KEY: documented(
    z.string().optional(),
    'mini-program sign-in outside development (`code2Session`, `alipay.system.oauth.token`); unset: refused',
    'development: sandbox providers',
    '`WECHAT_MINI_APP_ID`/`_SECRET`, `ALIPAY_MINI_APP_ID`/`_PRIVATE_KEY`',
  ),
  SMS_PROVIDER: documented(
    z.enum(['tencent']).optional(),
    "the auth center's SMS vendor: `tencent` (Tencent Cloud SMS `SendSms`, TC3-HMAC-SHA256, settings below); unset outside " +
      'development stops a production start (under `test` every SMS is refused unless the harness turns the outbox on)',
    'development: the SMS outbox',
  ),
  REAL_NAME_PROVIDER: documented(
    z.enum(['stand-in']).optional(),
    "the user center's public-security register (公安部公民身份信息核查) for real-name verification: `stand-in` the " +
      'deterministic development stand-in (refused in production: the start stops); unset in production, every ' +
      'verification is refused (`SERVICE_UNAVAILABLE`, reason `REAL_NAME_PROVIDER_MISSING`) until a licensed provider is integrated',
    'development (and the test harness): the stand-in',
  ),
  VERIFICATION_IMAGE_RETENTION_DAYS: documented(
    z.coerce.number().int().min(1).max(3650).optional(),
    'days the ID-card photos and reading of a real-name verification that did not verify the customer are kept before ' +
      "the user center's retention job deletes them (a verified customer's are kept: SECURITY.md); selfies are never stored",
    '30',
  ),
  ...(Object.fromEntries(
    ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_ID_FILE', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SECRET_KEY_FILE'].map((name) => [
      name,
      tencentSmsSecret,
    ]),
  ) as Record<
    'TENCENT_SMS_SECRET_ID' | 'TENCENT_SMS_SECRET_ID_FILE' | 'TENCENT_SMS_SECRET_KEY' | 'TENCENT_SMS_SECRET_KEY_FILE',
    typeof tencentSmsSecret
  >),
  TENCENT_SMS_SDK_APP_ID: documented(
    z.string().regex(/^\d+$/, 'the SMS application id, digits such as 1400006666').optional(),
    'the SMS application (`SmsSdkAppId`, e.g. 1400006666) and the approved sign name (`SignName`, e.g. 某某农商银行); required with `SMS_PROVIDER=tencent`',
    'none',
    '`TENCENT_SMS_SDK_APP_ID`, `SMS_SIGN_NAME`',
  ),
  SMS_SIGN_NAME: documented(
    z.string().optional(),
    'the SMS application (`SmsSdkAppId`, e.g. 1400006666) and the approved sign name (`SignName`, e.g. 某某农商银行); required with `SMS_PROVIDER=tencent`',
    'none',
    '`TENCENT_SMS_SDK_APP_ID`, `SMS_SIGN_NAME`',
  ),
  SMS_TEMPLATE_LOGIN_CODE: smsTemplate,
  SMS_TEMPLATE_STEP_UP_CODE: smsTemplate,
  SMS_TEMPLATE_REGISTRATION_CODE: smsTemplate,
  SMS_TEMPLATE_REGISTERED_NOTICE: smsTemplate,
  CARD_VERIFICATION_PROVIDER: documented(
    z.enum(['stand-in']).optional(),
    "the account center's clearing interface that checks another bank's card (number, holder name, ID number) before an " +
      'electronic account is bound to it: `stand-in` decides from the card number (suffix 0001 name mismatch, 0002 closed, ' +
      '0003 frozen, 0004 not found, as the clearing simulator) and is refused in production; no vendor is integrated yet, so ' +
      "unset outside development refuses binding another bank's card with `CARD_VERIFICATION_UNAVAILABLE` (this bank's " +
      'class I accounts still bind)',
    'development: stand-in; otherwise none',
  ),
  TENCENT_SMS_REGION: documented(z.string().optional(), 'the `X-TC-Region` of SendSms calls', '`ap-guangzhou`'),
  TENCENT_SMS_ENDPOINT: documented(
    z.url().optional(),
    "where SendSms is posted (a stand-in's address in tests: `scripts/sms-stand-in.ts`)",
    '`https://sms.tencentcloudapi.com`',
  ),
  SMS_TIMEOUT_MS: documented(
    positiveInteger.optional(),
    'budget of one SendSms attempt; a timeout, transport failure or 5xx is retried once with the same code',
    '5000',
  ),
  SMS_LIMIT_PER_MINUTE: smsLimit,
  SMS_LIMIT_PER_HOUR: smsLimit,
  SMS_LIMIT_PER_DAY: smsLimit,
  WECHAT_API_BASE_URL: documented(
    z.url().optional(),
    "the WeChat and Alipay open-platform addresses (a test double's, in tests)",
    'the public APIs',
    '`WECHAT_API_BASE_URL`, `ALIPAY_API_BASE_URL`',
  ),
  ALIPAY_API_BASE_URL: documented(
    z.url().optional(),
    "the WeChat and Alipay open-platform addresses (a test double's, in tests)",
    'the public APIs',
    '`WECHAT_API_BASE_URL`, `ALIPAY_API_BASE_URL`',
  ),
  LOG_LEVEL: documented(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    'pino level',
    '`info` (`silent` in tests)',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: documented(
    z.url().optional(),
    'OpenTelemetry collector receiving the traces (OTLP over HTTP, protobuf); unset: no span recorded or exported, ' +
      'but trace and span ids still reach the log lines and the next process (W3C `traceparent`)',
    'none',
  ),
  OTEL_TRACES_SAMPLER_ARG: documented(
    z.coerce.number().min(0).max(1).optional(),
    "share of traces recorded (0–1) when an endpoint is set, decided from the trace id (a caller's sampled flag does not force recording)",
    '0.1',
  ),
  SQL_STATEMENT_COUNT: documented(
    onOff.optional(),
    '`on`: center stores count their SQL statements (Prisma query events, a cost on every statement; the bench and the SQL-budget tests read them)',
    'off (on in tests)',
  ),
  CLEARING_DELAY_MS: documented(
    z.coerce.number().int().min(0).optional(),
    'how long the clearing simulator waits before settling or returning an other-bank transfer',
    '60000',
  ),
  REDIS_URL: documented(
    z.string().optional(),
    'one Redis server for rate limits (shared by every gateway process), session revocation, the response cache and the auth counters',
    'in-process fallback, logged',
  ),
  REDIS_CLUSTER_NODES: documented(
    z
      .string()
      .regex(
        /^\s*(\[[^\]]+\]|[^\s,:]+):\d{1,5}\s*(,\s*(\[[^\]]+\]|[^\s,:]+):\d{1,5}\s*)*$/,
        'comma-separated host:port, e.g. 10.0.0.1:7000,10.0.0.2:7000',
      )
      .optional(),
    'a Redis Cluster instead (seed nodes, comma-separated `host:port`; the rest are discovered) for every Redis use; wins over `REDIS_URL` ' +
      '(what a failover does to each use: [Redis](#redis-and-redis-cluster))',
    'none',
  ),
  NATS_URL: documented(
    z.string().optional(),
    "NATS server(s) with JetStream (comma-separated, e.g. `nats://nats-0:4222,nats://nats-1:4222`): finance's outbox publishes order events " +
      'to a JetStream stream and account, marketing, life and limits consume them with durable consumers; unset: the outbox relay calls them over HTTP',
    'none: HTTP relay',
  ),
  NATS_ORDER_EVENTS_STREAM: documented(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, `_` or `-`')
      .optional(),
    "the JetStream stream of order events (its subjects are `<stream>.<event type>`, each center's durable consumer is named after the center)",
    '`ORDER_EVENTS`',
  ),
  TRUSTED_PROXIES: documented(
    z
      .string()
      .optional()
      .superRefine((value, context) => {
        const problem = addressRangesProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    'comma-separated proxy addresses and CIDR ranges (`10.0.0.10,10.42.0.0/16`) whose `X-Forwarded-For` the gateway believes',
    'none: the peer address is the client',
  ),
  ...perChannel(
    'CORS_ORIGINS_',
    documented(
      z.string().optional(),
      'browser origins allowed per channel, e.g. `CORS_ORIGINS_WEB=https://ebank.example`',
      'development: any origin; otherwise none',
      'CORS_ORIGINS_<CHANNEL>',
    ),
  ),
  ...perChannel(
    'MIN_CLIENT_VERSION_',
    documented(
      z
        .string()
        .regex(/^\d+(\.\d+){0,3}$/, 'a dotted version such as 6.2.0')
        .optional(),
      'oldest client version a channel accepts (`UPGRADE_REQUIRED` below it)',
      'MOBILE_APP 6.0.0, mini-programs 2.0.0, WECHAT_BANKING 1.0.0',
      'MIN_CLIENT_VERSION_<CHANNEL>',
    ),
  ),
  ACCESS_TOKEN_KEY_ROTATION_DAYS: documented(
    z.coerce.number().int().min(1).max(365).optional(),
    'days an access-token signing key signs before the next one (in the JWKS 10 minutes ahead) takes over; `rotateAccessTokenKey` sooner',
    '30',
  ),
  RECEIPT_KEY_ROTATION_DAYS: documented(
    z.coerce.number().int().min(1).max(3650).optional(),
    'days a receipt-signing key signs before finance makes the next one (old public keys are kept, so old receipts still verify)',
    '90',
  ),
  SUBGRAPH_TIMEOUT_MS: documented(positiveInteger.optional(), 'per-subgraph call budget of the gateway', '10000'),
  INTERNAL_CALL_TIMEOUT_MS: documented(
    positiveInteger.optional(),
    "budget of every center-to-center call (connect, send, whole answer), over each client's own",
    "each client's own (5–60 s)",
  ),
  RATE_LIMIT_SCALE: documented(z.coerce.number().positive().optional(), 'multiplies every rate limit (load tests)', '1 (1000 in tests)'),
  RESPONSE_CACHE: documented(
    onOff.optional(),
    "gateway's catalogue response cache `on`/`off`, longest TTL",
    'on (off under Jest), 60',
    '`RESPONSE_CACHE`, `RESPONSE_CACHE_TTL_SECONDS`',
  ),
  RESPONSE_CACHE_TTL_SECONDS: documented(
    positiveInteger.optional(),
    "gateway's catalogue response cache `on`/`off`, longest TTL",
    'on (off under Jest), 60',
    '`RESPONSE_CACHE`, `RESPONSE_CACHE_TTL_SECONDS`',
  ),
};

export const configSchema = z.object(configShape);
export type RawConfig = z.infer<typeof configSchema>;
