/**
 * A signed-in customer changes the login password and the transaction PIN through the gateway with
 * the channels' own documents: the new secret is checked before the current one (a refused new
 * secret spends no attempt), a wrong current one counts like a wrong sign-in or PIN entry, and a
 * changed password ends the customer's other sessions at once while the asking one stays.
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, encryptPin, latestSmsCode } from './helpers';

const customer = DEMO_CUSTOMERS[1] as DemoCustomer;
const NEW_PASSWORD = 'Harvest2027';
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const operation = (name: string) => readOperationDocument('MOBILE_APP', name);
const extensionsOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;

async function signIn(password: string, channel: 'MOBILE_APP' | 'WEB') {
  const proof = await platform.demoDeviceProof(customer.mobile, channel);
  return platform.query<{ login: { accessToken: string } }>(
    'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
    {
      channel,
      headers: proof.headers,
      variables: {
        input: {
          mobile: customer.mobile,
          password,
          device: { deviceId: customer.deviceId, platform: 'ANDROID' },
          deviceProof: proof.deviceProof,
        },
      },
    },
  );
}

const failedCount = async () => (await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: customer.id } })).failedCount;

test('changing the login password ends the other sessions and only the new password signs in', async () => {
  const web = await platform.login(customer.mobile, 'WEB');
  const app = await platform.login(customer.mobile, 'MOBILE_APP');
  const change = (currentPassword: string, newPassword: string) =>
    platform.query<{ changeLoginPassword: { otherSessionsEnded: number } }>(operation('ChangeLoginPassword'), {
      token: app,
      variables: { currentPassword, newPassword },
    });

  // The new password is refused before the current one is checked: nothing counted.
  expect(extensionsOf((await change(DEMO_PASSWORD, 'short1')).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  expect(extensionsOf((await change(DEMO_PASSWORD, `${customer.mobile}ab`)).body)).toMatchObject({ field: 'newPassword' });
  expect(extensionsOf((await change(DEMO_PASSWORD, DEMO_PASSWORD)).body)).toMatchObject({ field: 'newPassword' });
  expect(await failedCount()).toBe(0);

  // A wrong current password counts like a wrong sign-in.
  expect(extensionsOf((await change('Wrong2026x', NEW_PASSWORD)).body)).toMatchObject({
    code: 'INVALID_CREDENTIALS',
    field: 'currentPassword',
  });
  expect(await failedCount()).toBe(1);

  const changed = await change(DEMO_PASSWORD, NEW_PASSWORD);
  expect(changed.body).toEqual({ data: { changeLoginPassword: { otherSessionsEnded: 1 } } });
  expect(await failedCount()).toBe(0);

  // The web session ended at once; the app session that asked goes on.
  expect(codeOf((await platform.query('{ me { id } }', { token: web, channel: 'WEB' })).body)).toBe('UNAUTHENTICATED');
  expect((await platform.query<{ me: { id: string } }>('{ me { id } }', { token: app })).body.data?.me.id).toBe(customer.id);

  expect(codeOf((await signIn(DEMO_PASSWORD, 'MOBILE_APP')).body)).toBe('INVALID_CREDENTIALS');
  expect((await signIn(NEW_PASSWORD, 'MOBILE_APP')).body.data?.login.accessToken).toBeTruthy();
});

test('changing the transaction PIN needs the current PIN; a refused new PIN spends no attempt', async () => {
  const { body: signedIn } = await signIn(NEW_PASSWORD, 'MOBILE_APP');
  const token = signedIn.data!.login.accessToken;

  // Set a PIN first (the SMS path that also replaces a forgotten one).
  const started = await platform.query<{ startChallenge: { id: string } }>(
    'mutation($purpose: ChallengePurpose!) { startChallenge(purpose: $purpose) { id } }',
    { token, variables: { purpose: 'SET_PIN' } },
  );
  const code = await latestSmsCode(platform, customer.mobile);
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(
    'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }',
    { token, variables: { id: started.body.data!.startChallenge.id, proof: { code } } },
  );
  const set = await platform.query(operation('SetTransactionPin'), {
    token,
    variables: { encryptedPin: await encryptPin(platform, '258036'), challengeToken: verified.body.data!.verifyChallenge.token },
  });
  expect(set.body.data).toEqual({ setTransactionPin: true });

  const change = async (current: string, next: string) =>
    platform.query<{ changeTransactionPin: boolean }>(operation('ChangeTransactionPin'), {
      token,
      variables: { currentEncryptedPin: await encryptPin(platform, current), newEncryptedPin: await encryptPin(platform, next) },
    });
  const pinFailures = async () =>
    (await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: customer.id } })).pinFailedCount;

  expect(extensionsOf((await change('258036', '111111')).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newEncryptedPin' });
  expect(extensionsOf((await change('258036', '258036')).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newEncryptedPin' });
  expect(await pinFailures()).toBe(0);

  expect(extensionsOf((await change('147258', '470913')).body)).toMatchObject({
    code: 'CHALLENGE_INVALID',
    field: 'currentEncryptedPin',
    attemptsLeft: 4,
  });
  expect((await change('258036', '470913')).body).toEqual({ data: { changeTransactionPin: true } });
  // The old PIN no longer works and the new one does (each right PIN clears the day's count).
  expect(extensionsOf((await change('258036', '362514')).body)).toMatchObject({ code: 'CHALLENGE_INVALID', attemptsLeft: 4 });
  expect((await change('470913', '362514')).body).toEqual({ data: { changeTransactionPin: true } });
  expect(await pinFailures()).toBe(0);
});
