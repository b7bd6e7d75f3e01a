/**
 * A forgotten login password reset through the gateway, for customers with no face on file (never
 * real-name verified: the code suffices; the face path is in passwordReset.models.test.ts): step 1
 * answers alike for a mobile that signs in nowhere, which is texted nothing and can never complete;
 * the new password is checked before the code is spent; a wrong code refuses; the reset ends every
 * session and lifts the sign-in lock; a reset completes once.
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { registerBasicCustomer } from '../support/realNameVerification';
import { latestSmsCode, OUTBOX } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const operation = (name: string) => readOperationDocument('MOBILE_APP', name);
const extensionsOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;
/** Any photo will do: a customer with no face on file is not compared. */
const SELFIE = Buffer.from('not compared').toString('base64');

const start = (mobile: string) =>
  platform.query<{ startPasswordReset: { resetId: string; maskedMobile: string; expiresAt: string } }>(operation('StartPasswordReset'), {
    variables: { input: { mobile } },
  });
const complete = (input: Record<string, string>) =>
  platform.query<{ completePasswordReset: { sessionsEnded: number } }>(operation('CompletePasswordReset'), {
    variables: { input: { selfie: SELFIE, ...input } },
  });
const signIn = (mobile: string, password: string) =>
  platform.query<{ login: { __typename?: string } }>('mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }', {
    variables: { input: { mobile, password, device: { deviceId: `reset-${mobile}`, platform: 'IOS' } } },
  });

test('a customer with no face on file resets with the code: sessions end, the lock lifts, the new password signs in', async () => {
  const customer = await registerBasicCustomer(platform, '钱忘记');
  // Locked by wrong passwords first.
  for (let i = 0; i < 5; i += 1) await signIn(customer.mobile, 'Wrong2026x');
  expect(extensionsOf((await signIn(customer.mobile, 'Welcome2026')).body)?.code).toBe('ACCOUNT_LOCKED');

  platform.clock.advance(61_000);
  const started = await start(customer.mobile);
  expect(started.body.data?.startPasswordReset).toMatchObject({
    maskedMobile: `${customer.mobile.slice(0, 3)}****${customer.mobile.slice(-4)}`,
  });
  const resetId = started.body.data!.startPasswordReset.resetId;
  const code = await latestSmsCode(platform, customer.mobile);

  // The new password is checked first: a weak one spends nothing.
  expect(extensionsOf((await complete({ resetId, code, newPassword: 'weak' })).body)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.newPassword',
  });
  const wrongCode = code === '000000' ? '111111' : '000000';
  expect(extensionsOf((await complete({ resetId, code: wrongCode, newPassword: 'Renewed2026' })).body)).toMatchObject({
    code: 'INVALID_CODE',
    field: 'input.code',
  });

  const done = await complete({ resetId, code, newPassword: 'Renewed2026' });
  expect(done.body).toEqual({ data: { completePasswordReset: { sessionsEnded: 1 } } });
  expect(extensionsOf((await platform.query('{ me { id } }', { token: customer.token })).body)?.code).toBe('UNAUTHENTICATED');
  // The lock is lifted and the new password is the one: the device is new here, so the SMS step follows.
  expect(extensionsOf((await signIn(customer.mobile, 'Welcome2026')).body)?.code).toBe('INVALID_CREDENTIALS');
  expect(extensionsOf((await signIn(customer.mobile, 'Renewed2026')).body)?.code).toBe('DEVICE_VERIFICATION_REQUIRED');

  // Completed once: the same reset again is spent.
  expect(extensionsOf((await complete({ resetId, code, newPassword: 'Another2026' })).body)).toMatchObject({
    code: 'INVALID_CODE',
    field: 'input.resetId',
  });
});

test('a mobile that signs in nowhere gets the same answer, no SMS, and a reset that never completes', async () => {
  const mobile = '13977770001';
  const started = await start(mobile);
  expect(started.body.errors).toBeUndefined();
  expect(Object.keys(started.body.data!.startPasswordReset).sort()).toEqual(['expiresAt', 'maskedMobile', 'resetId']);
  const outbox = await platform.query<{ developmentSmsOutbox: unknown[] }>(OUTBOX, { variables: { mobile } });
  expect(outbox.body.data?.developmentSmsOutbox).toEqual([]);
  const attempt = await complete({ resetId: started.body.data!.startPasswordReset.resetId, code: '123456', newPassword: 'Renewed2026' });
  expect(extensionsOf(attempt.body)).toMatchObject({ code: 'INVALID_CODE', field: 'input.code' });
});

test('an expired reset and another channel’s reset are refused on resetId', async () => {
  const customer = await registerBasicCustomer(platform, '钱过期');
  platform.clock.advance(61_000);
  const resetId = (await start(customer.mobile)).body.data!.startPasswordReset.resetId;
  const code = await latestSmsCode(platform, customer.mobile);
  const onWeb = await platform.query(operation('CompletePasswordReset'), {
    channel: 'WEB',
    variables: { input: { resetId, code, newPassword: 'Renewed2026', selfie: SELFIE } },
  });
  expect(extensionsOf(onWeb.body)).toMatchObject({ code: 'INVALID_CODE', field: 'input.resetId' });
  platform.clock.advance(10 * 60_000 + 1);
  expect(extensionsOf((await complete({ resetId, code, newPassword: 'Renewed2026' })).body)).toMatchObject({
    code: 'INVALID_CODE',
    field: 'input.resetId',
  });
});
