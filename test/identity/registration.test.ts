import { fetch } from 'undici';
import { blindIndexCandidates } from '../../subgraphs/kit/fieldCipher';
import { indexBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { CUSTOMER } from '../../subgraphs/user/encryptedColumns';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, OUTBOX } from './helpers';

/**
 * Registration through the gateway: a mobile, its SMS code, a name and a password make a customer
 * (kycLevel BASIC, no ID number yet) signed in on the registering device; the start answers alike
 * for customers' mobiles, which get a notice instead of a code; one customer per mobile under races.
 */
let platform: TestPlatform;
const [zhang] = DEMO_CUSTOMERS;
const PASSWORD = 'Welcome2026';

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const START = `mutation StartRegistration($input: StartRegistrationInput!) {
  startRegistration(input: $input) { registrationId maskedMobile expiresAt }
}`;
const COMPLETE = `mutation CompleteRegistration($input: CompleteRegistrationInput!) {
  completeRegistration(input: $input) { accessToken userId sessionId refreshToken }
}`;
const ME = '{ me { id name kycLevel maskedMobile maskedIdNumber devices { deviceId } } }';

interface Started {
  startRegistration: { registrationId: string; maskedMobile: string; expiresAt: string };
}
interface Completed {
  completeRegistration: { accessToken: string; userId: string; sessionId: string; refreshToken: string | null };
}

let mobileCounter = 0;
/** A mobile no test has used: 1390000xxxx. */
const freshMobile = () => `1390000${String(++mobileCounter).padStart(4, '0')}`;

function start(mobile: string, channel = 'MOBILE_APP', deviceId = `reg-device-${mobile}`) {
  return platform.query<Started>(START, {
    channel,
    variables: { input: { mobile, device: { deviceId, platform: 'IOS', appVersion: '6.2.0' } } },
  });
}

async function startedId(mobile: string, channel = 'MOBILE_APP') {
  const { body } = await start(mobile, channel);
  if (!body.data) throw new Error(JSON.stringify(body));
  return body.data.startRegistration.registrationId;
}

function complete(input: Record<string, unknown>, channel = 'MOBILE_APP') {
  return platform.query<Completed>(COMPLETE, { channel, variables: { input: { name: '王新客', password: PASSWORD, ...input } } });
}

const fieldOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions?.field;

async function customersWithMobile(mobile: string) {
  return platform.store('user').customer.count({
    where: { mobileIndex: { in: blindIndexCandidates(indexBinding(CUSTOMER, 'mobile_index'), mobile) } },
  });
}

test('a new mobile registers on MOBILE_APP and is signed in: BASIC, no ID number yet, the device bound', async () => {
  const mobile = freshMobile();
  const { body } = await start(mobile);
  expect(body.data?.startRegistration).toMatchObject({ maskedMobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` });
  const code = await latestSmsCode(platform, mobile);

  const done = await complete({ registrationId: body.data!.startRegistration.registrationId, code });
  const session = done.body.data?.completeRegistration;
  expect(session?.accessToken).toBeTruthy();
  expect(session?.refreshToken).toMatch(/^rt_/);

  const me = await platform.query<{ me: Record<string, unknown> }>(ME, { token: session!.accessToken });
  expect(me.body.data?.me).toEqual({
    id: session!.userId,
    name: '王新客',
    kycLevel: 'BASIC',
    maskedMobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
    maskedIdNumber: '',
    devices: [{ deviceId: `reg-device-${mobile}` }],
  });
  // The password works: a sign-in from another phone takes the new-device SMS step, as for any customer.
  const login = await platform.query('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
    variables: { input: { mobile, password: PASSWORD, device: { deviceId: 'another-phone' } } },
  });
  expect(codeOf(login.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
});

test('a wrong code, an expired code and an expired registration are refused with stable codes and field paths', async () => {
  const mobile = freshMobile();
  const registrationId = await startedId(mobile);
  const code = await latestSmsCode(platform, mobile);
  const wrong = code === '000000' ? '000001' : '000000';

  const refused = await complete({ registrationId, code: wrong });
  expect(codeOf(refused.body)).toBe('INVALID_CODE');
  expect(fieldOf(refused.body)).toBe('input.code');
  expect(refused.body.errors?.[0]?.extensions?.attemptsLeft).toBe(4);

  // The input is checked before the code is spent on it.
  const weak = await complete({ registrationId, code, password: 'password' });
  expect(codeOf(weak.body)).toBe('BAD_USER_INPUT');
  expect(fieldOf(weak.body)).toBe('input.password');
  const withMobile = await complete({ registrationId, code, password: `a${mobile}` });
  expect(fieldOf(withMobile.body)).toBe('input.password');
  const badName = await complete({ registrationId, code, name: 'x1' });
  expect(fieldOf(badName.body)).toBe('input.name');

  platform.clock.advance(5 * 60 * 1000 + 1000);
  const late = await complete({ registrationId, code });
  expect(codeOf(late.body)).toBe('CODE_EXPIRED');
  expect(fieldOf(late.body)).toBe('input.code');

  platform.clock.advance(5 * 60 * 1000);
  const gone = await complete({ registrationId, code });
  expect(codeOf(gone.body)).toBe('INVALID_CODE');
  expect(fieldOf(gone.body)).toBe('input.registrationId');
  expect(await customersWithMobile(mobile)).toBe(0);

  // Another channel cannot complete a registration started on this one.
  platform.clock.advance(61 * 1000);
  const fresh = await startedId(mobile);
  const elsewhere = await complete({ registrationId: fresh, code: await latestSmsCode(platform, mobile) }, 'WEB');
  expect(fieldOf(elsewhere.body)).toBe('input.registrationId');
});

test("an existing customer's mobile answers alike, is texted a notice instead of a code and gets no second account", async () => {
  const started = await start(zhang!.mobile);
  expect(Object.keys(started.body.data!.startRegistration).sort()).toEqual(['expiresAt', 'maskedMobile', 'registrationId']);
  const outbox = await platform.query<{ developmentSmsOutbox: { text: string }[] }>(OUTBOX, { variables: { mobile: zhang!.mobile } });
  const text = outbox.body.data!.developmentSmsOutbox[0]!.text;
  expect(text).toContain('已注册');
  expect(text).not.toMatch(/\d{6}/);

  // One SMS a minute, as for a new mobile.
  expect(codeOf((await start(zhang!.mobile)).body)).toBe('RESEND_TOO_SOON');
  const guessed = await complete({ registrationId: started.body.data!.startRegistration.registrationId, code: '123456' });
  expect(codeOf(guessed.body)).toBe('INVALID_CODE');
  expect(await customersWithMobile(zhang!.mobile)).toBe(1);
  const credential = await platform.store('auth').credential.findMany({ where: { userId: zhang!.id } });
  expect(credential).toHaveLength(1);
});

test('a WeChat mini-program registration binds its platform identity: a fresh code then signs the customer in', async () => {
  const mobile = freshMobile();
  const registrationId = await startedId(mobile, 'WECHAT_MINI');
  const code = await latestSmsCode(platform, mobile);

  const missing = await complete({ registrationId, code }, 'WECHAT_MINI');
  expect(codeOf(missing.body)).toBe('BAD_USER_INPUT');
  expect(fieldOf(missing.body)).toBe('input.miniProgramCode');

  const done = await complete({ registrationId, code, miniProgramCode: 'wx_sandbox_newcomer.register' }, 'WECHAT_MINI');
  const userId = done.body.data?.completeRegistration.userId;
  expect(userId).toBeTruthy();

  const login = await platform.query<{ loginWithMiniProgram: { userId: string } }>(
    'mutation($code: String!) { loginWithMiniProgram(code: $code, device: { deviceId: "mini-new" }) { userId } }',
    { channel: 'WECHAT_MINI', variables: { code: 'wx_sandbox_newcomer.login' } },
  );
  expect(login.body.data?.loginWithMiniProgram.userId).toBe(userId);

  // The same WeChat identity cannot register a second customer; the refusal spends no SMS code.
  const other = freshMobile();
  const second = await startedId(other, 'WECHAT_MINI');
  const otherCode = await latestSmsCode(platform, other);
  const taken = await complete({ registrationId: second, code: otherCode, miniProgramCode: 'wx_sandbox_newcomer.again' }, 'WECHAT_MINI');
  expect(codeOf(taken.body)).toBe('IDENTITY_ALREADY_BOUND');
  const own = await complete({ registrationId: second, code: otherCode, miniProgramCode: 'wx_sandbox_other.register' }, 'WECHAT_MINI');
  expect(own.body.data?.completeRegistration.userId).toBeTruthy();
});

test('on WEB the device token becomes the HttpOnly device cookie and the refresh token a cookie', async () => {
  const mobile = freshMobile();
  const registrationId = await startedId(mobile, 'WEB');
  const code = await latestSmsCode(platform, mobile);
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
    body: JSON.stringify({
      query:
        'mutation($input: CompleteRegistrationInput!) { completeRegistration(input: $input) { accessToken refreshToken deviceToken } }',
      variables: { input: { registrationId, code, name: '网页新客', password: PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { completeRegistration: Record<string, string | null> } };
  expect(body.data?.completeRegistration).toMatchObject({ refreshToken: null, deviceToken: null });
  const cookies = response.headers.getSetCookie().join('\n');
  expect(cookies).toMatch(/bank_device=dv1\.[^;]+; Path=\/graphql;.*HttpOnly; SameSite=Strict/);
  expect(cookies).toMatch(/bank_refresh=rt_/);
});

test('two concurrent completions of one registration make one customer', async () => {
  const mobile = freshMobile();
  const registrationId = await startedId(mobile);
  const code = await latestSmsCode(platform, mobile);

  const results = await Promise.all([
    complete({ registrationId, code }),
    complete({ registrationId, code }),
    complete({ registrationId, code }),
  ]);
  const signedIn = results.filter((result) => result.body.data?.completeRegistration);
  expect(signedIn).toHaveLength(1);
  expect(results.filter((result) => !result.body.data?.completeRegistration).map((result) => codeOf(result.body))).toEqual([
    'INVALID_CODE',
    'INVALID_CODE',
  ]);
  expect(await customersWithMobile(mobile)).toBe(1);
  const retried = await complete({ registrationId, code });
  expect(codeOf(retried.body)).toBe('INVALID_CODE');
});

test('two registrations of one mobile completed at once make one customer; the other is ALREADY_REGISTERED', async () => {
  const mobile = freshMobile();
  const first = await startedId(mobile);
  const firstCode = await latestSmsCode(platform, mobile);
  platform.clock.advance(61 * 1000);
  const second = await startedId(mobile);
  const secondCode = await latestSmsCode(platform, mobile);
  expect(secondCode).toBeTruthy();

  const results = await Promise.all([
    complete({ registrationId: first, code: firstCode }),
    complete({ registrationId: second, code: secondCode, name: '王另一' }),
  ]);
  expect(results.filter((result) => result.body.data?.completeRegistration)).toHaveLength(1);
  expect(results.map((result) => codeOf(result.body)).filter(Boolean)).toEqual(['ALREADY_REGISTERED']);
  expect(await customersWithMobile(mobile)).toBe(1);
  expect(
    await platform
      .store('auth')
      .credential.count({ where: { userId: results.find((r) => r.body.data)!.body.data!.completeRegistration.userId } }),
  ).toBe(1);
});
