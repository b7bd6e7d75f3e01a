/**
 * The whole platform for an integration test: every registered center on its own fresh copy of
 * the seeded template database and a free port, the gateway in front, all sharing a ManualClock.
 *
 *   const platform = await startTestPlatform();
 *   const token = await platform.login('13800000001');
 *   const { body } = await platform.query('{ me { name } }', { token });
 *   await platform.stop();
 */
import { CENTERS, CenterName } from '../centers';
import { ManualClock } from '../clock';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../demo';
import { ChannelName, INTERNAL_IDENTITY_HEADER, signGatewayIdentity, signServiceCredential } from '../identity';
import { RunningCenter, startCenter } from '../server/startCenter';
import { CENTER_DEFINITIONS } from '../../registry';
import { startGateway, GatewayOptions, RunningGateway } from '../../../gateway/server';
import { readSupergraph } from '../../../gateway/supergraph';
import { createTestDatabase, TestDatabase } from './databases';
import { TEST_CLOCK_START } from './names';

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
  | 'none'
  | 'anonymous'
  | { customerId: string; channel?: ChannelName }
  | { service: CenterName; actingFor?: string; scopes: string[] };

export interface TestPlatform {
  clock: ManualClock;
  gateway: RunningGateway;
  centers: Partial<Record<CenterName, RunningCenter>>;
  query<Data = Record<string, unknown>>(document: string, options?: QueryOptions): Promise<GraphQLResponse<Data>>;
  /** Signs a demo customer in (password + the customer's trusted demo device) and returns the access token. */
  login(mobile: string, channel?: ChannelName): Promise<string>;
  callCenter<Data = Record<string, unknown>>(
    center: CenterName,
    document: string,
    options: { variables?: Record<string, unknown>; as: CallerIdentity },
  ): Promise<GraphQLResponse<Data>>;
  /** SQL statements sent by all centers so far. */
  statementCount(): number;
  stop(): Promise<void>;
}

export interface TestPlatformOptions {
  clockStart?: string;
  /** Run gateway and centers as in production (masked errors, channel header required, no introspection). */
  production?: boolean;
  /** Extra gateway settings (admission and rate limits, trusted documents, timeouts). */
  gateway?: Partial<Omit<GatewayOptions, 'port' | 'clock' | 'production'>>;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const production = options.production ?? false;
  const clock = new ManualClock(options.clockStart ?? TEST_CLOCK_START);
  const databases: TestDatabase[] = [];
  const centers: Partial<Record<CenterName, RunningCenter>> = {};
  await Promise.all(
    CENTERS.map(async (center) => {
      const definition = CENTER_DEFINITIONS[center];
      if (!definition) return;
      const database = await createTestDatabase(center);
      databases.push(database);
      centers[center] = await startCenter(definition, { databaseUrl: database.url, port: 0, clock, host: '127.0.0.1', production });
    }),
  );
  // Center-to-center calls (the internal client) find each other through <CENTER>_URL.
  for (const [center, running] of Object.entries(centers)) process.env[`${center.toUpperCase()}_URL`] = running.url;

  const gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock,
    production,
    subgraphUrl: (center) => centers[center as CenterName]?.url ?? 'http://127.0.0.1:9/graphql',
    // Suites send ad-hoc documents even in production mode; trusted-document tests turn this on.
    trustedDocuments: false,
    ...options.gateway,
  });

  async function post<Data>(url: string, body: unknown, headers: Record<string, string>): Promise<GraphQLResponse<Data>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody<Data> };
  }

  const platform: TestPlatform = {
    clock,
    gateway,
    centers,
    query(document, queryOptions = {}) {
      const headers: Record<string, string> = { ...queryOptions.headers };
      const channel = queryOptions.channel === undefined ? 'MOBILE_APP' : queryOptions.channel;
      if (channel !== null) headers['x-channel'] = channel;
      if (queryOptions.token) headers.authorization = `Bearer ${queryOptions.token}`;
      return post(gateway.url, { query: document, variables: queryOptions.variables }, headers);
    },
    async login(mobile, channel = 'MOBILE_APP') {
      const customer = DEMO_CUSTOMERS.find((candidate) => candidate.mobile === mobile);
      const { body } = await platform.query<{ login: { accessToken: string } }>(
        'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
        {
          channel,
          variables: {
            input: { mobile, password: DEMO_PASSWORD, device: customer ? { deviceId: customer.deviceId, platform: 'ANDROID' } : null },
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
      if (as === 'anonymous') headers[INTERNAL_IDENTITY_HEADER] = await signGatewayIdentity({ channel: 'WEB', authLevel: 0 }, clock);
      else if (as !== 'none' && 'customerId' in as) {
        headers[INTERNAL_IDENTITY_HEADER] = await signGatewayIdentity(
          { channel: as.channel ?? 'MOBILE_APP', userId: as.customerId, authLevel: 1 },
          clock,
        );
      } else if (as !== 'none') headers[INTERNAL_IDENTITY_HEADER] = await signServiceCredential(as, clock);
      return post(running.url, { query: document, variables: callOptions.variables }, headers);
    },
    statementCount: () => Object.values(centers).reduce((sum, center) => sum + center.statements.count, 0),
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(centers).map((center) => center.stop()));
      await Promise.all(databases.map((database) => database.drop()));
    },
  };
  return platform;
}
