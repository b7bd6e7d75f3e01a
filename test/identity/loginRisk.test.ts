import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import type { GraphQLBody } from '../support/platform';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, LOGIN, LoginData, loginOnNewDevice } from './helpers';

/**
 * The LOGIN risk decision inside password sign-in: a known but untrusted device signing in from a
 * new client address must pass the SMS step again; a trusted device need not. Requests leave from
 * different loopback addresses (127.0.0.1 and 127.0.0.2) so the gateway sees a changed address.
 */
let platform: TestPlatform;
const li = DEMO_CUSTOMERS[1]!;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

/** A phone's device key, enrolled after an SMS challenge on a session of that phone. */
async function enrolDeviceKey(token: string): Promise<{ id: string; privateKey: KeyObject }> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const start = await platform.query<{ startChallenge: { id: string } }>(
    'mutation { startChallenge(purpose: REGISTER_DEVICE_KEY) { id } }',
    { token },
  );
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(
    'mutation($id: ID!, $code: String!) { verifyChallenge(id: $id, proof: { code: $code }) { token } }',
    { token, variables: { id: start.body.data!.startChallenge.id, code: await latestSmsCode(platform, li.mobile) } },
  );
  const registered = await platform.query<{ registerDeviceKey: { id: string } }>(
    'mutation($key: String!, $t: String!) { registerDeviceKey(publicKey: $key, challengeToken: $t) { id } }',
    {
      token,
      variables: {
        key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        t: verified.body.data!.verifyChallenge.token,
      },
    },
  );
  return { id: registered.body.data!.registerDeviceKey.id, privateKey };
}

/** The app proves the phone: its key signs a fresh sign-in nonce. */
async function proofWith(key: { id: string; privateKey: KeyObject }) {
  const { body } = await platform.query<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(
    'mutation($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce } }',
    { variables: { id: key.id } },
  );
  const { nonceId, nonce } = body.data!.startDeviceKeyLogin;
  return { deviceKeyId: key.id, nonceId, signature: sign('sha256', Buffer.from(nonce, 'utf8'), key.privateKey).toString('base64') };
}

function loginFrom(localAddress: string, deviceId: string, deviceProof: Record<string, unknown>): Promise<GraphQLBody<LoginData>> {
  const url = new URL(platform.gateway.url);
  const payload = JSON.stringify({
    query: LOGIN,
    variables: { input: { mobile: li.mobile, password: DEMO_PASSWORD, device: { deviceId, platform: 'IOS' }, deviceProof } },
  });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(JSON.parse(body) as GraphQLBody<LoginData>));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

test('an untrusted device at a new address needs the SMS step; a trusted device does not', async () => {
  const { accessToken } = await loginOnNewDevice(platform, li.mobile, 'risk-phone');
  platform.clock.advance(1000); // the enrolment code is then the newest message
  const key = await enrolDeviceKey(accessToken);
  // Same device (proven by its key), same address: no SMS.
  expect((await loginFrom('127.0.0.1', 'risk-phone', await proofWith(key))).data?.login.accessToken).toBeTruthy();

  platform.clock.advance(61 * 1000); // past the SMS resend interval of the first verification
  const moved = await loginFrom('127.0.0.2', 'risk-phone', await proofWith(key));
  expect(codeOf(moved)).toBe('DEVICE_VERIFICATION_REQUIRED');
  expect(moved.errors![0]!.extensions!.reasons).toEqual(['CHANGED_ADDRESS']);

  // The demo phone is trusted: a new address alone is no reason to stop it.
  const demoPhone = await platform.demoDeviceProof(li.mobile, 'MOBILE_APP');
  expect((await loginFrom('127.0.0.2', li.deviceId, demoPhone.deviceProof!)).data?.login.accessToken).toBeTruthy();
});

test('each sign-in decision is stored with its inputs, reasons and rule version', async () => {
  const client = new Client({ connectionString: platform.centers.auth!.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT outcome, reasons, rule_version, inputs FROM risk_decision WHERE user_id = $1 AND action = 'LOGIN' ORDER BY created_at",
      [li.id],
    );
    expect(rows.map((row) => row.outcome)).toEqual(['ALLOW', 'CHALLENGE', 'ALLOW']);
    expect(rows[1]).toMatchObject({ reasons: ['CHANGED_ADDRESS'], inputs: { deviceId: 'risk-phone', clientAddress: '127.0.0.2' } });
    expect(rows[1].rule_version).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
});
