import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, loginOnNewDevice } from './helpers';

/**
 * Biometric device keys: registered after an SMS challenge, then a signature over a server nonce signs
 * the customer in on that phone or passes a step-up challenge. Keys are generated and used here with
 * node:crypto exactly as the phone's secure hardware would (ECDSA P-256, SHA-256, DER signatures).
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const START =
  'mutation($purpose: ChallengePurpose!, $context: ChallengeContextInput, $method: ChallengeMethod) ' +
  '{ startChallenge(purpose: $purpose, context: $context, method: $method) { id method nonce } }';
const VERIFY = 'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';
const REGISTER = 'mutation($key: String!, $token: String!) { registerDeviceKey(publicKey: $key, challengeToken: $token) { id deviceId } }';
const NONCE = 'mutation($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce expiresAt } }';
const LOGIN = 'mutation($input: DeviceKeyLoginInput!) { loginWithDeviceKey(input: $input) { accessToken sessionId } }';

interface Phone {
  token: string;
  mobile: string;
  deviceId: string;
  privateKey: KeyObject;
  publicKey: string;
}

const newKeyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
};
const signNonce = (privateKey: KeyObject, nonce: string) => sign('sha256', Buffer.from(nonce, 'utf8'), privateKey).toString('base64');

async function smsChallengeToken(token: string, mobile: string, purpose: string): Promise<string> {
  const start = await platform.query<{ startChallenge: { id: string; method: string } }>(START, { token, variables: { purpose } });
  expect(start.body.data?.startChallenge.method).toBe('SMS');
  const code = await latestSmsCode(platform, mobile);
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
    token,
    variables: { id: start.body.data!.startChallenge.id, proof: { code } },
  });
  return verified.body.data!.verifyChallenge.token;
}

/** A phone of the customer's that the bank verifies by SMS, then enrols its own key (the demo phone keeps the seeded one). */
async function registerPhone(
  customer: (typeof DEMO_CUSTOMERS)[number],
  deviceId = `${customer.deviceId}-biometric`,
): Promise<Phone & { deviceKeyId: string }> {
  const { accessToken: token } = await loginOnNewDevice(platform, customer.mobile, deviceId);
  // The enrolment code is then the newest message in the outbox.
  platform.clock.advance(1000);
  const keys = newKeyPair();
  const challengeToken = await smsChallengeToken(token, customer.mobile, 'REGISTER_DEVICE_KEY');
  const { body } = await platform.query<{ registerDeviceKey: { id: string; deviceId: string } }>(REGISTER, {
    token,
    variables: { key: keys.publicKey, token: challengeToken },
  });
  expect(body.data?.registerDeviceKey.deviceId).toBe(deviceId);
  return { token, mobile: customer.mobile, deviceId, ...keys, deviceKeyId: body.data!.registerDeviceKey.id };
}

async function nonceFor(deviceKeyId: string) {
  const { body } = await platform.query<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(NONCE, {
    variables: { id: deviceKeyId },
  });
  return body.data!.startDeviceKeyLogin;
}

const loginWith = (deviceKeyId: string, nonceId: string, signature: string, deviceId: string) =>
  platform.query<{ loginWithDeviceKey: { accessToken: string } }>(LOGIN, {
    variables: { input: { deviceKeyId, nonceId, signature, device: { deviceId, platform: 'ANDROID', appVersion: '6.1.0' } } },
  });

/** A session on the phone, signed in with its key. */
async function signedInOn(phone: Phone & { deviceKeyId: string }): Promise<string> {
  const nonce = await nonceFor(phone.deviceKeyId);
  const { body } = await loginWith(phone.deviceKeyId, nonce.nonceId, signNonce(phone.privateKey, nonce.nonce), phone.deviceId);
  return body.data!.loginWithDeviceKey.accessToken;
}

let zhangPhone: Phone & { deviceKeyId: string };
let liPhone: Phone & { deviceKeyId: string };

beforeAll(async () => {
  zhangPhone = await registerPhone(zhang!);
  liPhone = await registerPhone(li!);
});

test('registration needs a REGISTER_DEVICE_KEY challenge token and a P-256 public key', async () => {
  const token = await platform.login(zhang!.mobile);
  const noToken = await platform.query(REGISTER, { token, variables: { key: newKeyPair().publicKey, token: 'ct_forged' } });
  expect(codeOf(noToken.body)).toBe('CHALLENGE_INVALID');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const wrongCurve = await platform.query(REGISTER, { token, variables: { key: rsa, token: 'ct_forged' } });
  expect(codeOf(wrongCurve.body)).toBe('BAD_USER_INPUT');
  const devices = await platform.query<{ me: { devices: { deviceId: string; deviceKey: { id: string } | null }[] } }>(
    '{ me { devices { deviceId deviceKey { id } } } }',
    { token },
  );
  expect(devices.body.data!.me.devices.find((device) => device.deviceId === zhangPhone.deviceId)?.deviceKey?.id).toBe(
    zhangPhone.deviceKeyId,
  );
});

test('a signature over the nonce signs the customer in on the registered phone', async () => {
  const nonce = await nonceFor(zhangPhone.deviceKeyId);
  const { body } = await loginWith(
    zhangPhone.deviceKeyId,
    nonce.nonceId,
    signNonce(zhangPhone.privateKey, nonce.nonce),
    zhangPhone.deviceId,
  );
  const accessToken = body.data!.loginWithDeviceKey.accessToken;
  const me = await platform.query<{ me: { id: string } }>('{ me { id } }', { token: accessToken });
  expect(me.body.data?.me.id).toBe(zhang!.id);
});

test('a replayed nonce is refused, even with a valid signature', async () => {
  const nonce = await nonceFor(zhangPhone.deviceKeyId);
  const signature = signNonce(zhangPhone.privateKey, nonce.nonce);
  expect(
    (await loginWith(zhangPhone.deviceKeyId, nonce.nonceId, signature, zhangPhone.deviceId)).body.data?.loginWithDeviceKey.accessToken,
  ).toBeTruthy();
  const replay = await loginWith(zhangPhone.deviceKeyId, nonce.nonceId, signature, zhangPhone.deviceId);
  expect(codeOf(replay.body)).toBe('INVALID_CREDENTIALS');
});

test('an expired nonce is refused', async () => {
  const nonce = await nonceFor(zhangPhone.deviceKeyId);
  platform.clock.advance(61 * 1000);
  const late = await loginWith(zhangPhone.deviceKeyId, nonce.nonceId, signNonce(zhangPhone.privateKey, nonce.nonce), zhangPhone.deviceId);
  expect(codeOf(late.body)).toBe('INVALID_CREDENTIALS');
});

test('a signature by the wrong key, or on another device, is refused', async () => {
  const nonce = await nonceFor(zhangPhone.deviceKeyId);
  const wrongKey = await loginWith(
    zhangPhone.deviceKeyId,
    nonce.nonceId,
    signNonce(newKeyPair().privateKey, nonce.nonce),
    zhangPhone.deviceId,
  );
  expect(codeOf(wrongKey.body)).toBe('INVALID_CREDENTIALS');
  // The failed attempt spent the nonce; a fresh one, correctly signed, but claimed from another phone.
  const second = await nonceFor(zhangPhone.deviceKeyId);
  const otherDevice = await loginWith(
    zhangPhone.deviceKeyId,
    second.nonceId,
    signNonce(zhangPhone.privateKey, second.nonce),
    'some-other-phone',
  );
  expect(codeOf(otherDevice.body)).toBe('INVALID_CREDENTIALS');
  // A nonce issued for one key does not serve another key.
  const third = await nonceFor(zhangPhone.deviceKeyId);
  const swapped = await loginWith(liPhone.deviceKeyId, third.nonceId, signNonce(liPhone.privateKey, third.nonce), liPhone.deviceId);
  expect(codeOf(swapped.body)).toBe('INVALID_CREDENTIALS');
});

describe('step-up with the device key', () => {
  const context = { amount: '60000.00', sourceAccountId: zhang!.accounts[0]!.id, payeeAccountNumber: li!.accounts[0]!.number };
  const startDeviceKeyChallenge = async (token: string) => {
    const { body } = await platform.query<{ startChallenge: { id: string; method: string; nonce: string } }>(START, {
      token,
      variables: { purpose: 'TRANSFER', context, method: 'DEVICE_KEY' },
    });
    expect(body.data?.startChallenge.method).toBe('DEVICE_KEY');
    return body.data!.startChallenge;
  };

  test('the registered key signs the challenge nonce and gets a single-use token', async () => {
    const token = await signedInOn(zhangPhone);
    const challenge = await startDeviceKeyChallenge(token);
    const proof = { deviceKeyId: zhangPhone.deviceKeyId, signature: signNonce(zhangPhone.privateKey, challenge.nonce) };
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
      token,
      variables: { id: challenge.id, proof },
    });
    expect(verified.body.data?.verifyChallenge.token).toMatch(/^ct_/);
    // The challenge is spent: the same signature cannot pass it again.
    expect(codeOf((await platform.query(VERIFY, { token, variables: { id: challenge.id, proof } })).body)).toBe('CHALLENGE_INVALID');
  });

  test("the wrong key, or another customer's key, does not pass", async () => {
    const token = await signedInOn(zhangPhone);
    const challenge = await startDeviceKeyChallenge(token);
    const wrongKey = { deviceKeyId: zhangPhone.deviceKeyId, signature: signNonce(newKeyPair().privateKey, challenge.nonce) };
    expect(codeOf((await platform.query(VERIFY, { token, variables: { id: challenge.id, proof: wrongKey } })).body)).toBe(
      'CHALLENGE_INVALID',
    );
    const liKey = { deviceKeyId: liPhone.deviceKeyId, signature: signNonce(liPhone.privateKey, challenge.nonce) };
    expect(codeOf((await platform.query(VERIFY, { token, variables: { id: challenge.id, proof: liKey } })).body)).toBe('CHALLENGE_INVALID');
  });

  test('a session on a phone without a key cannot choose DEVICE_KEY', async () => {
    const token = await platform.login(zhang!.mobile, 'WEB');
    const { body } = await platform.query(START, {
      token,
      channel: 'WEB',
      variables: { purpose: 'TRANSFER', context, method: 'DEVICE_KEY' },
    });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });
});

test('removing the device retires its key', async () => {
  platform.clock.advance(2 * 60 * 1000);
  const phone = await registerPhone(li!, `${li!.deviceId}-second`);
  const devices = await platform.query<{ me: { devices: { id: string; deviceId: string }[] } }>('{ me { devices { id deviceId } } }', {
    token: phone.token,
  });
  const id = devices.body.data!.me.devices.find((device) => device.deviceId === phone.deviceId)!.id;
  const web = await platform.login(li!.mobile, 'WEB');
  expect(
    (await platform.query('mutation($id: ID!) { removeDevice(id: $id) }', { token: web, channel: 'WEB', variables: { id } })).body.data,
  ).toEqual({ removeDevice: true });
  const nonce = await nonceFor(phone.deviceKeyId);
  expect(codeOf((await loginWith(phone.deviceKeyId, nonce.nonceId, signNonce(phone.privateKey, nonce.nonce), phone.deviceId)).body)).toBe(
    'INVALID_CREDENTIALS',
  );
});
