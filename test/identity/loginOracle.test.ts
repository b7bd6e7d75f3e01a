import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, LOGIN, LoginData } from './helpers';

/**
 * Password sign-in tells nobody whether a mobile is registered or a password right: input is
 * checked before the password, and a registered and an unregistered mobile answer every failure
 * alike — same error, same lock, same work (one argon2 verification, the same SQL statements).
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;
const UNKNOWN = '13912348888';
/** The module the auth center verifies passwords with (the same instance: Jest's registry). */
const argon2 = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());
afterEach(() => {
  jest.restoreAllMocks();
  platform.clock.advance(31 * 60 * 1000);
});

const login = (mobile: string, password: string, device: Record<string, unknown> | null, deviceSuffix = '') =>
  platform.query<LoginData>(LOGIN, {
    variables: { input: { mobile, password, device: device && { ...device, deviceId: `${device.deviceId as string}${deviceSuffix}` } } },
  });

/** The answer as a client sees it, with the development-only stack trace left out. */
function answer(body: { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }) {
  const error = body.errors?.[0];
  const { stacktrace: _stacktrace, ...extensions } = error?.extensions ?? {};
  return { data: body.data ?? null, message: error?.message, extensions };
}

test('a sign-in without a device is refused before the password is checked, right or wrong, and counts no failure', async () => {
  const right = await login(li!.mobile, DEMO_PASSWORD, null);
  const wrong = await login(li!.mobile, 'wrong-password', null);
  expect(codeOf(right.body)).toBe('BAD_USER_INPUT');
  expect(answer(wrong.body)).toEqual(answer(right.body));
  const credential = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: li!.id } });
  expect(credential.failedCount).toBe(0);
  expect(await platform.store('auth').auditEvent.count({ where: { userId: li!.id, outcome: 'failure' } })).toBe(0);
});

test('a registered and an unregistered mobile answer every failure alike, lock alike, and cost the same work', async () => {
  const verify = jest.spyOn(argon2, 'verify');
  const auth = platform.centers.auth!;
  const attemptOn = async (mobile: string, index: number) => {
    verify.mockClear();
    const before = auth.statements.count;
    const { body } = await login(mobile, `wrong-${index}`, { deviceId: 'oracle-device' }, `-${mobile}-${index}`);
    return { answer: answer(body), statements: auth.statements.count - before, argon2: verify.mock.calls.length };
  };

  const lockedAt = platform.clock.now().getTime();
  for (let index = 1; index <= 7; index += 1) {
    const known = await attemptOn(zhang!.mobile, index);
    const unknown = await attemptOn(UNKNOWN, index);
    expect(unknown.answer).toEqual(known.answer);
    expect(known.argon2).toBe(1);
    expect(unknown.argon2).toBe(1);
    expect(unknown.statements).toBe(known.statements);
    const code = known.answer.extensions.code;
    expect(code).toBe(index < 5 ? 'INVALID_CREDENTIALS' : 'ACCOUNT_LOCKED');
    // The lock set by the fifth failure stays where it is: later attempts do not move it, for either mobile.
    if (index >= 5) expect(known.answer.extensions.unlockAt).toBe(new Date(lockedAt + 4 * 60 * 1000 + 15 * 60 * 1000).toISOString());
    platform.clock.advance(60 * 1000);
  }
  // Even the right password is refused while locked, and alike.
  const right = await login(zhang!.mobile, DEMO_PASSWORD, { deviceId: zhang!.deviceId });
  expect(codeOf(right.body)).toBe('ACCOUNT_LOCKED');
});
