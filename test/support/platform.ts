/**
 * The platform for an integration test: the centers it needs (default every registered center),
 * each on its own fresh copy of the seeded template database and a free port, the gateway in
 * front (unless `gateway: false`), all sharing a ManualClock.
 *
 *   const platform = await startTestPlatform();
 *   const token = await platform.login('13800000001');
 *   const { body } = await platform.query('{ me { name } }', { token });
 *   await platform.stop();
 *
 *   const limitsOnly = await startTestPlatform({ centers: ['limits'], gateway: false });
 *   const rules = await limitsOnly.store('limits').limitRule.findMany();
 *
 * A center left out is unreachable (its URL refuses connections), so a query or center-to-center
 * call that needs it fails loudly instead of reaching another test's center.
 */
import { CENTERS, CenterName } from '../../platform/centers';
import { ManualClock } from '../../platform/clock';
import { DevelopmentFeatures, developmentFeatures, reloadConfig } from '../../platform/config';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { COOKIE_CHANNELS, deviceTokenFor } from '../../subgraphs/auth/service/deviceProof';
import { DEVICE_COOKIE } from '../../gateway/plugins/deviceCookie';
import { ChannelName, INTERNAL_IDENTITY_HEADER, signGatewayIdentity, signServiceCredential } from '../../platform/identity/identity';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { startGateway, GatewayOptions, RunningGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { randomUUID } from 'node:crypto';
import { Agent, fetch } from 'undici';
import { closeInternalClientPools } from '../../subgraphs/kit/internalClient';
import { startTracing, stopTracing, tracingStarted } from '../../platform/observability/tracing';
import { createTestDatabase, createUnseededTestDatabase, TestDatabase } from './databases';
import { TEST_CLOCK_START, UNREACHABLE_CENTER_URL } from './names';
import type { CenterStores } from './stores';

export { UNREACHABLE_CENTER_URL };

/**
 * The harness's own HTTP client: kept-alive connections, at most 32 per server, like a fleet of
 * clients behind a proxy. Tests that fire a thousand requests at once queue here instead of
 * overflowing the server's accept backlog (which resets connections under load).
 */
const harnessHttp = new Agent({ connections: 32, pipelining: 1 });

/**
 * The device cookie a browser keeps after verifying a demo customer's device (the seed's demo device row), as the
 * auth center signs it.
 */
const demoDeviceToken = (customer: DemoCustomer) =>
  deviceTokenFor({ id: `d-${customer.deviceId}`, userId: customer.id, deviceId: customer.deviceId });

/** The `Cookie` header of a browser that verified a demo customer's device (WEB, WECHAT_BANKING). */
export const demoDeviceCookie = (customer: DemoCustomer) => `${DEVICE_COOKIE}=${demoDeviceToken(customer)}`;

export interface GraphQLBody<Data> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

export interface GraphQLResponse<Data> {
  status: number;
  body: GraphQLBody<Data>;
}

export interface QueryOptions {
  variables?: Record<string, unknown>;
  token?: string;
  /** Sent as `x-channel`; defaults to MOBILE_APP. `null` sends no channel header. */
  channel?: ChannelName | string | null;
  headers?: Record<string, string>;
}

/** Who a direct subgraph call claims to be. */
export type CallerIdentity =
  'none' | 'anonymous' | { customerId: string; channel?: ChannelName } | { service: CenterName; actingFor?: string; scopes: string[] };

export interface TestPlatform {
  clock: ManualClock;
  /** The gateway; absent with `gateway: false` (then `query` and `login` throw). */
  gateway: RunningGateway;
  centers: Partial<Record<CenterName, RunningCenter>>;
  /** A running center's own Prisma client: read and arrange data through it, never open another. */
  store<Center extends CenterName>(center: Center): CenterStores[Center];
  query<Data = Record<string, unknown>>(document: string, options?: QueryOptions): Promise<GraphQLResponse<Data>>;
  /**
   * Signs a demo customer in (password + the customer's trusted demo device, proven as the channel's client proves
   * it: see `demoDeviceProof`) and returns the access token. `deviceProof` replaces the proof (a mini-program code).
   */
  login(mobile: string, channel?: ChannelName, deviceProof?: Record<string, unknown>): Promise<string>;
  /**
   * How a demo customer's demo device proves itself at password sign-in on `channel`: MOBILE_APP signs a fresh
   * nonce with the demo phone's device key; WEB and WECHAT_BANKING send the device cookie of the verified browser;
   * the mini-programs have nothing to add until the customer binds the platform.
   */
  demoDeviceProof(
    mobile: string,
    channel: ChannelName | string,
  ): Promise<{ headers: Record<string, string>; deviceProof: Record<string, unknown> | null }>;
  callCenter<Data = Record<string, unknown>>(
    center: CenterName,
    document: string,
    options: { variables?: Record<string, unknown>; as: CallerIdentity },
  ): Promise<GraphQLResponse<Data>>;
  /** SQL statements sent by all centers so far. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * The development features a test platform turns on unless `production` (under NODE_ENV=test a
 * server has none by itself): the suites read SMS codes from the outbox, sign in to the sandbox
 * mini-programs, send ad-hoc documents without a channel header and read unmasked errors. Never the
 * operator's TOTP secret in the log or generated secrets (the global setup sets fresh ones).
 */
export const TEST_DEVELOPMENT_FEATURES: DevelopmentFeatures = {
  ...developmentFeatures(true),
  operatorTotpInLog: false,
  generatedSecrets: false,
};

export interface TestPlatformOptions {
  clockStart?: string;
  /** Run gateway and centers as in production: no development feature (masked errors, channel header required, no introspection, no SMS outbox). */
  production?: boolean;
  /** Development features on or off, over the default (`TEST_DEVELOPMENT_FEATURES`, none with `production`). */
  development?: Partial<DevelopmentFeatures>;
  /** Demo customers and their data (default); `false`: databases with the reference data only, as a production start. */
  demoData?: boolean;
  /** The centers to run; default every registered center. */
  centers?: readonly CenterName[];
  /** Extra gateway settings (admission and rate limits, trusted documents, timeouts), or `false` for no gateway. */
  gateway?: false | Partial<Omit<GatewayOptions, 'port' | 'clock' | 'production'>>;
  /** The gateway's port; default a free one (the browser harness fixes it first: passkey origins name it). */
  gatewayPort?: number;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const production = options.production ?? false;
  const development = { ...(production ? developmentFeatures(false) : TEST_DEVELOPMENT_FEATURES), ...options.development };
  const clock = new ManualClock(options.clockStart ?? TEST_CLOCK_START);
  const databases: TestDatabase[] = [];
  const centers: Partial<Record<CenterName, RunningCenter>> = {};
  const wanted = options.centers ?? CENTERS;
  // Traced as a process without an endpoint (ids in the logs, nothing recorded), unless the test
  // started tracing itself first (an in-memory exporter); whoever started it stops it.
  const ownsTracing = !tracingStarted();
  if (ownsTracing) startTracing({ serviceName: 'bank-test-platform' });
  await Promise.all(
    wanted.map(async (center) => {
      const definition = await loadCenterDefinition(center);
      const database = options.demoData === false ? await createUnseededTestDatabase(center) : await createTestDatabase(center);
      databases.push(database);
      // Workers off: tests run their passes by hand (`centers.<name>.workers.<worker>.runOnce()`).
      centers[center] = await startCenter(definition, {
        databaseUrl: database.url,
        port: 0,
        clock,
        host: '127.0.0.1',
        development,
        runWorkers: false,
      });
    }),
  );
  // Center-to-center calls (the internal client) find each other through <CENTER>_URL.
  for (const center of CENTERS) process.env[`${center.toUpperCase()}_URL`] = centers[center]?.url ?? UNREACHABLE_CENTER_URL;
  reloadConfig();

  const gateway =
    options.gateway === false
      ? undefined
      : await startGateway({
          supergraphSdl: readSupergraph(),
          port: options.gatewayPort ?? 0,
          host: '127.0.0.1',
          clock,
          development,
          subgraphUrl: (center) => centers[center as CenterName]?.url ?? UNREACHABLE_CENTER_URL,
          // Suites send ad-hoc documents even in production mode; trusted-document tests turn this on.
          trustedDocuments: false,
          // Where REDIS_URL is set, files running at once share one Redis, and every caller is 127.0.0.1: each
          // platform counts and caches under its own keys, so one file's load never refuses another's requests.
          rateLimitKeyPrefix: `test:rl:${randomUUID()}`,
          responseCacheKeyPrefix: `test:rc:${randomUUID()}`,
          ...options.gateway,
        });
  const gatewayUrl = () => {
    if (!gateway) throw new Error('this test platform runs without a gateway (gateway: false)');
    return gateway.url;
  };

  async function post<Data>(url: string, body: unknown, headers: Record<string, string>): Promise<GraphQLResponse<Data>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      dispatcher: harnessHttp,
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody<Data> };
  }

  /** The demo phone proves itself as the app does: its biometric key signs a fresh sign-in nonce. */
  async function deviceKeyProof(customer: DemoCustomer) {
    const key = demoDeviceKey(customer.id);
    const { body } = await platform.query<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(
      'mutation DeviceNonce($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce } }',
      { channel: 'MOBILE_APP', variables: { id: key.id } },
    );
    const nonce = body.data?.startDeviceKeyLogin;
    if (!nonce) throw new Error(`no sign-in nonce: ${JSON.stringify(body.errors)}`);
    return { deviceKeyId: key.id, nonceId: nonce.nonceId, signature: signDeviceNonce(key.privateKey, nonce.nonce) };
  }

  const platform: TestPlatform = {
    clock,
    gateway: gateway as RunningGateway,
    centers,
    store<Center extends CenterName>(center: Center) {
      const running = centers[center];
      if (!running) throw new Error(`${center} center is not running in this test platform`);
      return running.store as CenterStores[Center];
    },
    query(document, queryOptions = {}) {
      const headers: Record<string, string> = { ...queryOptions.headers };
      const channel = queryOptions.channel === undefined ? 'MOBILE_APP' : queryOptions.channel;
      if (channel !== null) headers['x-channel'] = channel;
      if (queryOptions.token) headers.authorization = `Bearer ${queryOptions.token}`;
      return post(gatewayUrl(), { query: document, variables: queryOptions.variables }, headers);
    },
    async demoDeviceProof(mobile, channel): Promise<{ headers: Record<string, string>; deviceProof: Record<string, unknown> | null }> {
      const customer = DEMO_CUSTOMERS.find((candidate) => candidate.mobile === mobile);
      if (!customer) return { headers: {}, deviceProof: null };
      if (COOKIE_CHANNELS.includes(channel)) return { headers: { cookie: demoDeviceCookie(customer) }, deviceProof: null };
      return { headers: {}, deviceProof: channel === 'MOBILE_APP' ? await deviceKeyProof(customer) : null };
    },
    async login(mobile, channel = 'MOBILE_APP', deviceProof) {
      const customer = DEMO_CUSTOMERS.find((candidate) => candidate.mobile === mobile);
      const proof = await platform.demoDeviceProof(mobile, channel);
      const { body } = await platform.query<{ login: { accessToken: string } }>(
        'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
        {
          channel,
          headers: proof.headers,
          variables: {
            input: {
              mobile,
              password: DEMO_PASSWORD,
              device: customer ? { deviceId: customer.deviceId, platform: 'ANDROID' } : null,
              deviceProof: deviceProof ?? proof.deviceProof,
            },
          },
        },
      );
      if (!body.data?.login) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
      return body.data.login.accessToken;
    },
    async callCenter(center, document, callOptions) {
      const running = centers[center];
      if (!running) throw new Error(`${center} center is not running`);
      const headers: Record<string, string> = {};
      const as = callOptions.as;
      const signing = { audience: center, clock };
      if (as === 'anonymous') headers[INTERNAL_IDENTITY_HEADER] = await signGatewayIdentity({ channel: 'WEB', authLevel: 0 }, signing);
      else if (as !== 'none' && 'customerId' in as) {
        headers[INTERNAL_IDENTITY_HEADER] = await signGatewayIdentity(
          { channel: as.channel ?? 'MOBILE_APP', userId: as.customerId, authLevel: 1 },
          signing,
        );
      } else if (as !== 'none') headers[INTERNAL_IDENTITY_HEADER] = await signServiceCredential(as, signing);
      return post(running.url, { query: document, variables: callOptions.variables }, headers);
    },
    statementCount: () => Object.values(centers).reduce((sum, center) => sum + center.statements.count, 0),
    async stop() {
      await gateway?.stop();
      await Promise.all(Object.values(centers).map((center) => center.stop()));
      await closeInternalClientPools();
      await Promise.all(databases.map((database) => database.drop()));
      if (ownsTracing) await stopTracing();
    },
  };
  return platform;
}
