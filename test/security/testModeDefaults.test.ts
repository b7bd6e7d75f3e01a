/**
 * Under NODE_ENV=test a server gets no development feature by itself: a center and a gateway
 * started without options (as a process would be) enforce trusted documents, require the channel
 * header and keep the SMS outbox closed. Only the test harness turns features on, explicitly.
 */
import { CENTERS } from '../../platform/centers';
import { ManualClock } from '../../platform/clock';
import { config, reloadConfig } from '../../platform/config';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../../platform/identity/identity';
import { startGateway, RunningGateway } from '../../gateway/server';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { RunningCenter, startCenter } from '../../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../../subgraphs/registry';
import { closeInternalClientPools } from '../../subgraphs/kit/internalClient';
import { createTestDatabase, TestDatabase } from '../support/databases';
import { TEST_CLOCK_START, UNREACHABLE_CENTER_URL } from '../support/names';

const clock = new ManualClock(TEST_CLOCK_START);
let auth: RunningCenter;
let database: TestDatabase;
let gateway: RunningGateway;
/** The same, except that it runs ad-hoc documents: what the other development features do shows. */
let adHoc: RunningGateway;

beforeAll(async () => {
  database = await createTestDatabase('auth');
  auth = await startCenter(await loadCenterDefinition('auth'), {
    databaseUrl: database.url,
    port: 0,
    clock,
    host: '127.0.0.1',
    runWorkers: false,
  });
  for (const center of CENTERS) process.env[`${center.toUpperCase()}_URL`] = center === 'auth' ? auth.url : UNREACHABLE_CENTER_URL;
  reloadConfig();
  gateway = await startGateway({ supergraphSdl: readSupergraph(), port: 0, host: '127.0.0.1', clock, metricsPort: null });
  adHoc = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock,
    metricsPort: null,
    trustedDocuments: false,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await adHoc?.stop();
  await auth?.stop();
  await closeInternalClientPools();
  await database?.drop();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] },
  };
}

test('the configuration under Jest is test mode with no development feature', () => {
  expect(config().mode).toBe('test');
  expect(Object.values(config().development).some(Boolean)).toBe(false);
});

test('the gateway runs only trusted documents', async () => {
  const { status, body } = await post(gateway.url, { query: '{ pinEncryptionKey }' }, { 'x-channel': 'MOBILE_APP' });
  expect(status).toBe(400);
  expect(['PERSISTED_QUERY_NOT_FOUND', 'OPERATION_NOT_ALLOWED']).toContain(body.errors?.[0]?.extensions?.code);
});

test('the gateway requires the channel header, answers no introspection and has no SMS outbox field', async () => {
  expect((await post(adHoc.url, { query: '{ pinEncryptionKey }' })).body.errors?.[0]?.extensions?.code).toBe('UNKNOWN_CHANNEL');
  const headers = { 'x-channel': 'MOBILE_APP' };
  expect((await post(adHoc.url, { query: '{ pinEncryptionKey }' }, headers)).body.data).toEqual({ pinEncryptionKey: expect.any(String) });
  const introspection = await post(adHoc.url, { query: '{ __schema { queryType { name } } }' }, headers);
  expect(introspection.body.data ?? null).toBeNull();
  expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const outbox = await post(adHoc.url, { query: '{ developmentSmsOutbox(mobile: "13800000001") { text } }' }, headers);
  expect(outbox.body.data ?? null).toBeNull();
  expect(outbox.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('the auth center keeps the SMS outbox closed', async () => {
  const { body } = await post(
    auth.url,
    { query: '{ developmentSmsOutbox(mobile: "13800000001") { text } }' },
    { [INTERNAL_IDENTITY_HEADER]: await signGatewayIdentity({ channel: 'WEB', authLevel: 0 }, { audience: 'auth', clock }) },
  );
  expect(body.data?.developmentSmsOutbox ?? null).toBeNull();
  expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
