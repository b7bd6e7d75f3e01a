import { buildTrustedDocumentManifest } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * In production a GET to /graphql is checked exactly like a POST: only the channel's trusted
 * documents run, by id (`documentId`) or persisted-query hash (`extensions`), and an ad-hoc `query`
 * is refused with the same code — `apollo-require-preflight` gets past CSRF, not past the manifest.
 */
const [zhang] = DEMO_CUSTOMERS;
const manifest = buildTrustedDocumentManifest();
const idOf = (operationName: string) =>
  [...manifest.get('MOBILE_APP')!.values()].find((document) => document.operationName === operationName)!.id;

let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform({ production: true, centers: ['auth', 'user', 'account'], gateway: { trustedDocuments: true } });
  // The app proves its trusted device: the device key signs a nonce fetched by the app's own document.
  const deviceKey = demoDeviceKey(zhang!.id);
  const nonce = await send('POST', { documentId: idOf('StartDeviceKeyLogin'), variables: { deviceKeyId: deviceKey.id } });
  const { nonceId, nonce: value } = nonce.body.data.startDeviceKeyLogin;
  const login = await send('POST', {
    documentId: idOf('Login'),
    variables: {
      input: {
        mobile: zhang!.mobile,
        password: DEMO_PASSWORD,
        device: { deviceId: zhang!.deviceId, platform: 'ANDROID' },
        deviceProof: { deviceKeyId: deviceKey.id, nonceId, signature: signDeviceNonce(deviceKey.privateKey, value) },
      },
    },
  });
  token = login.body.data.login.accessToken;
});
afterAll(() => platform.stop());

const BALANCES = '{ me { accounts { id availableBalance { amount } } } }';

/** Sends one request the way a browser page would: GET with its parameters in the URL (and the preflight header), or POST with JSON. */
async function send(method: 'GET' | 'POST', request: Record<string, unknown>, bearer?: string) {
  const headers: Record<string, string> = { 'x-channel': 'MOBILE_APP', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  let url = platform.gateway.url;
  let body: string | undefined;
  if (method === 'GET') {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request)) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    url = `${url}?${search}`;
    headers['apollo-require-preflight'] = 'true';
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request);
  }
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, body: (await response.json()) as any };
}

test('an ad-hoc query over GET is refused with the same code as over POST, and shows no balance', async () => {
  const overPost = await send('POST', { query: BALANCES }, token);
  const overGet = await send('GET', { query: BALANCES }, token);
  expect(overPost.status).toBe(400);
  expect(overPost.body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
  expect({ status: overGet.status, code: overGet.body.errors?.[0]?.extensions?.code, data: overGet.body.data }).toEqual({
    status: 400,
    code: 'OPERATION_NOT_ALLOWED',
    data: undefined,
  });
});

test('an unknown persisted-query hash over GET is not found, as over POST', async () => {
  const unknown = { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } };
  expect((await send('POST', unknown)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  expect((await send('GET', unknown)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
});

test("another channel's document sent as text over GET is refused", async () => {
  const { body } = await send('GET', { query: '{ campaigns { id title } }' });
  expect(body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
});

test('a trusted document runs over GET by id and by persisted-query hash', async () => {
  const byId = await send('GET', { documentId: idOf('PinEncryptionKey') });
  expect(byId.body.errors).toBeUndefined();
  expect(byId.body.data.pinEncryptionKey).toMatch(/^04[0-9a-f]{128}$/i);

  const byHash = await send('GET', { extensions: { persistedQuery: { version: 1, sha256Hash: idOf('PinEncryptionKey') } } });
  expect(byHash.body.errors).toBeUndefined();
  expect(byHash.body.data.pinEncryptionKey).toBe(byId.body.data.pinEncryptionKey);
});

test('a trusted mutation is not run over GET', async () => {
  const login = await send('GET', {
    documentId: idOf('Login'),
    variables: { input: { mobile: zhang!.mobile, password: DEMO_PASSWORD, device: { deviceId: zhang!.deviceId, platform: 'ANDROID' } } },
  });
  expect(login.status).toBe(405);
  expect(login.body.data).toBeUndefined();
});

test('a token flood over GET is refused before anything is parsed, as over POST', async () => {
  const flood = { query: `{ ${'a '.repeat(1_600)}}` };
  expect((await send('POST', flood)).body.errors[0].extensions.code).toBe('TOO_MANY_TOKENS');
  expect((await send('GET', flood)).body.errors[0].extensions.code).toBe('TOO_MANY_TOKENS');
});
