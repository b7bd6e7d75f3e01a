import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode } from './helpers';
import { SoftwareAuthenticator } from './softwareAuthenticator';

/** WebAuthn passkeys on web banking, driven by a software authenticator (no browser). */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;
const ORIGIN = 'http://localhost:4000';

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const web = <Data>(document: string, variables: Record<string, unknown> = {}, token?: string) =>
  platform.query<Data>(document, { channel: 'WEB', token, variables });

const START =
  'mutation($purpose: ChallengePurpose!, $context: ChallengeContextInput, $method: ChallengeMethod) ' +
  '{ startChallenge(purpose: $purpose, context: $context, method: $method) { id method passkeyOptionsJson } }';
const VERIFY = 'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';
const START_REGISTRATION = 'mutation($t: String!) { startPasskeyRegistration(challengeToken: $t) { id optionsJson } }';
const FINISH_REGISTRATION =
  'mutation($id: ID!, $r: String!) { finishPasskeyRegistration(ceremonyId: $id, responseJson: $r, name: "办公电脑") { id name } }';
const START_LOGIN = 'mutation { startPasskeyLogin { id optionsJson } }';
const LOGIN = 'mutation($id: ID!, $r: String!) { loginWithPasskey(ceremonyId: $id, responseJson: $r) { accessToken refreshToken } }';

async function registrationCeremony(token: string, mobile: string) {
  const start = await web<{ startChallenge: { id: string } }>(START, { purpose: 'REGISTER_PASSKEY' }, token);
  const code = await latestSmsCode(platform, mobile);
  const verified = await web<{ verifyChallenge: { token: string } }>(
    VERIFY,
    { id: start.body.data!.startChallenge.id, proof: { code } },
    token,
  );
  const ceremony = await web<{ startPasskeyRegistration: { id: string; optionsJson: string } }>(
    START_REGISTRATION,
    { t: verified.body.data!.verifyChallenge.token },
    token,
  );
  return ceremony.body.data!.startPasskeyRegistration;
}

async function loginCeremony() {
  return (await web<{ startPasskeyLogin: { id: string; optionsJson: string } }>(START_LOGIN)).body.data!.startPasskeyLogin;
}

const authenticator = new SoftwareAuthenticator(ORIGIN);

beforeAll(async () => {
  const token = await platform.login(zhang!.mobile, 'WEB');
  const ceremony = await registrationCeremony(token, zhang!.mobile);
  const options = JSON.parse(ceremony.optionsJson) as { rp: { id: string }; authenticatorSelection: { userVerification: string } };
  expect(options.rp.id).toBe('localhost');
  expect(options.authenticatorSelection.userVerification).toBe('required');
  const finished = await web<{ finishPasskeyRegistration: { id: string; name: string } }>(
    FINISH_REGISTRATION,
    { id: ceremony.id, r: authenticator.create(ceremony.optionsJson) },
    token,
  );
  expect(finished.body.data?.finishPasskeyRegistration).toEqual({ id: authenticator.id, name: '办公电脑' });
});

test('registration is listed on the customer and needs an SMS-verified challenge token', async () => {
  const token = await platform.login(zhang!.mobile, 'WEB');
  const listed = await web<{ me: { passkeys: { id: string }[] } }>('{ me { passkeys { id } } }', {}, token);
  expect(listed.body.data?.me.passkeys).toEqual([{ id: authenticator.id }]);
  expect(codeOf((await web(START_REGISTRATION, { t: 'ct_forged' }, token)).body)).toBe('CHALLENGE_INVALID');
});

test('an assertion from the passkey signs the customer in on web banking', async () => {
  const ceremony = await loginCeremony();
  const { body } = await web<{ loginWithPasskey: { accessToken: string; refreshToken: string | null } }>(LOGIN, {
    id: ceremony.id,
    r: authenticator.get(ceremony.optionsJson),
  });
  // WEB: the refresh token went into the httpOnly cookie, not the body.
  expect(body.data?.loginWithPasskey.refreshToken).toBeNull();
  const me = await web<{ me: { id: string } }>('{ me { id } }', {}, body.data!.loginWithPasskey.accessToken);
  expect(me.body.data?.me.id).toBe(zhang!.id);
});

test('an assertion is good for one ceremony only', async () => {
  const ceremony = await loginCeremony();
  const assertion = authenticator.get(ceremony.optionsJson);
  expect((await web(LOGIN, { id: ceremony.id, r: assertion })).body.data).toBeTruthy();
  expect(codeOf((await web(LOGIN, { id: ceremony.id, r: assertion })).body)).toBe('INVALID_CREDENTIALS');
  const next = await loginCeremony();
  expect(codeOf((await web(LOGIN, { id: next.id, r: assertion })).body)).toBe('INVALID_CREDENTIALS');
});

test('a phishing origin, a cloned authenticator (counter going back) and the mobile channel are refused', async () => {
  const phishing = await loginCeremony();
  expect(
    codeOf((await web(LOGIN, { id: phishing.id, r: authenticator.get(phishing.optionsJson, 'http://bank-login.example') })).body),
  ).toBe('INVALID_CREDENTIALS');

  const clone = await loginCeremony();
  const counter = authenticator.signCount;
  authenticator.signCount = 0;
  expect(codeOf((await web(LOGIN, { id: clone.id, r: authenticator.get(clone.optionsJson) })).body)).toBe('INVALID_CREDENTIALS');
  authenticator.signCount = counter + 1;

  expect(codeOf((await platform.query(START_LOGIN, { channel: 'MOBILE_APP' })).body)).toBe('FORBIDDEN');
});

test('a passkey passes a transfer step-up challenge on web banking', async () => {
  const token = await platform.login(zhang!.mobile, 'WEB');
  const context = { amount: '60000.00', sourceAccountId: zhang!.accounts[0]!.id, payeeAccountNumber: li!.accounts[0]!.number };
  const start = await web<{ startChallenge: { id: string; method: string; passkeyOptionsJson: string } }>(
    START,
    { purpose: 'TRANSFER', context, method: 'PASSKEY' },
    token,
  );
  const challenge = start.body.data!.startChallenge;
  expect(JSON.parse(challenge.passkeyOptionsJson).allowCredentials).toEqual([expect.objectContaining({ id: authenticator.id })]);
  const verified = await web<{ verifyChallenge: { token: string } }>(
    VERIFY,
    { id: challenge.id, proof: { passkeyResponseJson: authenticator.get(challenge.passkeyOptionsJson) } },
    token,
  );
  expect(verified.body.data?.verifyChallenge.token).toMatch(/^ct_/);
});

test("another customer's challenge cannot be passed with this passkey, nor can they remove it", async () => {
  const liToken = await platform.login(li!.mobile, 'WEB');
  const context = { amount: '10.00', sourceAccountId: li!.accounts[0]!.id, payeeAccountNumber: zhang!.accounts[0]!.number };
  // Without a passkey of their own, the method is not offered to Li's session.
  expect(codeOf((await web(START, { purpose: 'TRANSFER', context, method: 'PASSKEY' }, liToken)).body)).toBe('BAD_USER_INPUT');

  const liAuthenticator = new SoftwareAuthenticator(ORIGIN);
  const ceremony = await registrationCeremony(liToken, li!.mobile);
  expect(
    (await web(FINISH_REGISTRATION, { id: ceremony.id, r: liAuthenticator.create(ceremony.optionsJson) }, liToken)).body.data,
  ).toBeTruthy();
  const start = await web<{ startChallenge: { id: string; passkeyOptionsJson: string } }>(
    START,
    { purpose: 'TRANSFER', context, method: 'PASSKEY' },
    liToken,
  );
  const challenge = start.body.data!.startChallenge;
  // Zhang's authenticator signs Li's challenge: a valid signature by the wrong customer's passkey.
  const foreign = await web(
    VERIFY,
    { id: challenge.id, proof: { passkeyResponseJson: authenticator.get(challenge.passkeyOptionsJson) } },
    liToken,
  );
  expect(codeOf(foreign.body)).toBe('CHALLENGE_INVALID');
  const own = await web<{ verifyChallenge: { token: string } }>(
    VERIFY,
    { id: challenge.id, proof: { passkeyResponseJson: liAuthenticator.get(challenge.passkeyOptionsJson) } },
    liToken,
  );
  expect(own.body.data?.verifyChallenge.token).toMatch(/^ct_/);

  expect(codeOf((await web('mutation($id: ID!) { removePasskey(id: $id) }', { id: authenticator.id }, liToken)).body)).toBe('NOT_FOUND');
});
