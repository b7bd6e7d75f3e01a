import { buildTrustedDocumentManifest, documentId, readChannelOperations } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { CHANNELS } from '../../platform/identity/identity';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** In production each channel runs only its own manifest, by id. */
const [zhang] = DEMO_CUSTOMERS;
const manifest = buildTrustedDocumentManifest();
const idOf = (channel: 'MOBILE_APP' | 'WEB', operationName: string) =>
  [...manifest.get(channel)!.values()].find((document) => document.operationName === operationName)!.id;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ production: true, gateway: { trustedDocuments: true } });
});
afterAll(() => platform.stop());

async function send(body: unknown, channel: string, token?: string) {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': channel, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

test('ids are the sha256 of the documents, and every channel can sign in and pass a challenge', () => {
  for (const operation of readChannelOperations()) {
    expect(manifest.get(operation.channel)!.get(documentId(operation.document))?.file).toBe(operation.file);
  }
  for (const channel of CHANNELS.filter((name) => name !== 'OPS')) {
    const names = [...manifest.get(channel)!.values()].map((document) => document.operationName);
    expect([channel, ['Login', 'StartChallenge', 'VerifyChallenge'].filter((name) => !names.includes(name))]).toEqual([channel, []]);
  }
});

test.each(CHANNELS.filter((channel) => channel !== 'OPS'))('%s: an ad-hoc document is refused', async (channel) => {
  const { status, body } = await send({ query: '{ campaigns { id title } }' }, channel);
  expect(status).toBe(400);
  expect(body.errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
  const unknown = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, channel);
  expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
});

test('the mobile app signs in by id and runs its screens by id (APQ shape)', async () => {
  const device = { deviceId: zhang!.deviceId, platform: 'ANDROID' };
  // The app proves its device by id too: the demo phone's key signs a sign-in nonce.
  const key = demoDeviceKey(zhang!.id);
  const started = await send({ documentId: idOf('MOBILE_APP', 'StartDeviceKeyLogin'), variables: { deviceKeyId: key.id } }, 'MOBILE_APP');
  const nonce = started.body.data.startDeviceKeyLogin;
  const deviceProof = { deviceKeyId: key.id, nonceId: nonce.nonceId, signature: signDeviceNonce(key.privateKey, nonce.nonce) };
  const login = await send(
    {
      documentId: idOf('MOBILE_APP', 'Login'),
      variables: { input: { mobile: zhang!.mobile, password: DEMO_PASSWORD, device, deviceProof } },
    },
    'MOBILE_APP',
  );
  const token = login.body.data?.login?.accessToken as string;
  expect(token).toBeTruthy();
  const history = await send(
    {
      extensions: { persistedQuery: { version: 1, sha256Hash: idOf('MOBILE_APP', 'AccountHistory') } },
      variables: { accountId: zhang!.accounts[0]!.id, first: 2 },
    },
    'MOBILE_APP',
    token,
  );
  expect(history.body.errors).toBeUndefined();
  expect(history.body.data.account.id).toBe(zhang!.accounts[0]!.id);
  // The home screen resolves too (its marketing fields depend on the marketing center's own state).
  const home = await send({ documentId: idOf('MOBILE_APP', 'HomeScreen') }, 'MOBILE_APP', token);
  expect(home.body.errors?.map((error: { extensions: { code: string } }) => error.extensions.code) ?? []).not.toEqual(
    expect.arrayContaining(['OPERATION_NOT_ALLOWED', 'PERSISTED_QUERY_NOT_FOUND']),
  );
});

test("another channel's operation is not found", async () => {
  // The device-key sign-in is the mobile app's alone: web banking signs in with passkeys.
  const { body } = await send({ documentId: idOf('MOBILE_APP', 'LoginWithDeviceKey') }, 'WEB');
  expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
});

test('development runs free documents and resolves ids too', async () => {
  const development = await startTestPlatform();
  try {
    const free = await development.query<{ products: { edges: unknown[] } }>('{ products(first: 1) { edges { cursor } } }');
    expect(free.body.data?.products.edges).toHaveLength(1);
    const response = await fetch(development.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
      body: JSON.stringify({ documentId: idOf('WEB', 'Products') }),
    });
    expect(((await response.json()) as any).data.products.edges.length).toBeGreaterThan(0);
  } finally {
    await development.stop();
  }
});
