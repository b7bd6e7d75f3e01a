import { generateSync } from 'otplib';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf } from './helpers';

/** A staff TOTP code signs in once: a replay within its 30-second window, or a concurrent second use, is refused. */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const STAFF_LOGIN = 'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }';

function currentCode(): string {
  return generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
}

function staffLogin(totpCode: string) {
  return platform.query<{ staffLogin: { accessToken: string } }>(STAFF_LOGIN, {
    channel: 'OPS',
    variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } },
  });
}

/** Moves the clock to the start of the next 30-second TOTP step. */
function nextTimeStep() {
  const now = platform.clock.now().getTime();
  platform.clock.set(new Date((Math.floor(now / 30_000) + 1) * 30_000 + 1_000));
}

test('the same code twice: the first signs in, the second is refused as reused', async () => {
  nextTimeStep();
  const code = currentCode();
  const first = await staffLogin(code);
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data?.staffLogin.accessToken).toEqual(expect.any(String));

  platform.clock.advance(10_000); // still inside the code's 30-second window
  expect(currentCode()).toBe(code);
  const replay = await staffLogin(code);
  expect(codeOf(replay.body)).toBe('TOTP_CODE_REUSED');
  expect(replay.body.data?.staffLogin ?? null).toBeNull();
});

test("the next time step's code signs in again", async () => {
  nextTimeStep();
  const { body } = await staffLogin(currentCode());
  expect(body.errors).toBeUndefined();
  expect(body.data?.staffLogin.accessToken).toEqual(expect.any(String));
});

test('concurrent sign-ins with one code: exactly one succeeds', async () => {
  nextTimeStep();
  const code = currentCode();
  const attempts = await Promise.all([1, 2, 3, 4].map(() => staffLogin(code)));
  const succeeded = attempts.filter((attempt) => attempt.body.data?.staffLogin?.accessToken);
  const refused = attempts.map((attempt) => codeOf(attempt.body)).filter((code) => code !== undefined);
  expect(succeeded).toHaveLength(1);
  expect(refused).toEqual(['TOTP_CODE_REUSED', 'TOTP_CODE_REUSED', 'TOTP_CODE_REUSED']);
});

test('a wrong code is still INVALID_CREDENTIALS, not a reuse', async () => {
  nextTimeStep();
  const code = currentCode();
  const { body } = await staffLogin(code === '000000' ? '111111' : '000000');
  expect(codeOf(body)).toBe('INVALID_CREDENTIALS');
  const { body: good } = await staffLogin(code);
  expect(good.errors).toBeUndefined();
});
