import { buildTrustedDocumentManifest } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * The marketing center stopped: the mobile home screen, run by id in production, still shows the
 * customer's name, accounts and limits; only the marketing fields are null, each with a masked
 * SUBGRAPH_UNAVAILABLE error naming the center.
 */
const [zhang] = DEMO_CUSTOMERS;
const idOf = (operationName: string) =>
  [...buildTrustedDocumentManifest().get('MOBILE_APP')!.values()].find((document) => document.operationName === operationName)!.id;
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({
    production: true,
    gateway: { trustedDocuments: true, circuitBreaker: { failureThreshold: 100, resetAfterMs: 60_000 } },
  });
});
afterAll(() => platform.stop());

async function send(body: unknown, token?: string) {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function signIn(): Promise<string> {
  const device = { deviceId: zhang!.deviceId, platform: 'ANDROID' };
  // The app proves its device: the demo phone's key signs a sign-in nonce.
  const key = demoDeviceKey(zhang!.id);
  const nonce = (await send({ documentId: idOf('StartDeviceKeyLogin'), variables: { deviceKeyId: key.id } })).body.data.startDeviceKeyLogin;
  const deviceProof = { deviceKeyId: key.id, nonceId: nonce.nonceId, signature: signDeviceNonce(key.privateKey, nonce.nonce) };
  const { body } = await send({
    documentId: idOf('Login'),
    variables: { input: { mobile: zhang!.mobile, password: DEMO_PASSWORD, device, deviceProof } },
  });
  return body.data.login.accessToken as string;
}

test('with the marketing center stopped, the home screen keeps everything but the marketing fields', async () => {
  const token = await signIn();
  const healthy = await send({ documentId: idOf('HomeScreen') }, token);
  expect(healthy.body.errors).toBeUndefined();
  expect(healthy.body.data.me.points.balance).toBe(1280);

  const marketing = platform.centers.marketing!;
  delete platform.centers.marketing;
  await marketing.stop();

  const { status, body } = await send({ documentId: idOf('HomeScreen') }, token);
  expect(status).toBe(200);
  const me = body.data.me;
  expect(me.name).toBe(zhang!.name);
  expect(me.riskAssessment).toEqual(healthy.body.data.me.riskAssessment);
  expect(me.accounts).toEqual(healthy.body.data.me.accounts);
  expect(me.limits).toEqual(healthy.body.data.me.limits);
  expect(me.points).toBeNull();
  expect(me.coupons).toBeNull();
  expect(me.recommendedProducts).toBeNull();
  expect(body.data.campaigns).toBeNull();

  // One error per failed marketing fetch (the campaigns and the customer's marketing fields), none for the others.
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) {
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'marketing' });
  }
  // Masked: no address, socket error or stack reaches the app.
  expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONN|socket|stack|fetch failed/i);
});
