import { generateSync } from 'otplib';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { hashPassword } from '../../subgraphs/auth/service/passwords';
import { DEMO_OPERATOR, demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, encryptPin, LOGIN, LoginData } from './helpers';

/**
 * Failure counters under concurrency: each failure is counted by one atomic statement, so twenty
 * wrong guesses sent at once are twenty counted failures, and no more than the allowed number of
 * them is ever checked against the secret.
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;
const CONCURRENT = 20;
const PIN = '258036';

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

// Per-address and per-device failure counters block a source after 20 (10) failures in 15 minutes; move past them.
afterEach(() => platform.clock.advance(16 * 60 * 1000));

const START =
  'mutation Start($purpose: ChallengePurpose!, $context: ChallengeContextInput) { startChallenge(purpose: $purpose, context: $context) { id method } }';
const VERIFY = 'mutation Verify($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';
const transferContext = { amount: '60000.00', sourceAccountId: zhang!.accounts[0]!.id, payeeAccountNumber: li!.accounts[0]!.number };

const count = (codes: (string | undefined)[], code: string) => codes.filter((candidate) => candidate === code).length;

async function failureAudits(userId: string, actions: string[]) {
  return platform.store('auth').auditEvent.count({ where: { userId, outcome: 'failure', action: { in: actions } } });
}

async function givePin(userId: string) {
  await platform
    .store('auth')
    .credential.update({ where: { userId }, data: { pinHash: await hashPassword(PIN), pinFailedCount: 0, pinFailedDay: null } });
}

async function startPinChallenge(token: string): Promise<string> {
  const { body } = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
    token,
    variables: { purpose: 'TRANSFER', context: transferContext },
  });
  expect(body.data?.startChallenge.method).toBe('TRANSACTION_PIN');
  return body.data!.startChallenge.id;
}

test(`${CONCURRENT} concurrent wrong passwords: four are refused as wrong, the rest as locked, all ${CONCURRENT} counted`, async () => {
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, index) =>
      platform.query<LoginData>(LOGIN, {
        variables: { input: { mobile: li!.mobile, password: `wrong-${index}`, device: { deviceId: `${li!.deviceId}-${index}` } } },
      }),
    ),
  );
  const codes = results.map(({ body }) => codeOf(body));
  expect(count(codes, 'INVALID_CREDENTIALS')).toBeLessThanOrEqual(5);
  expect(count(codes, 'INVALID_CREDENTIALS')).toBe(4);
  expect(count(codes, 'ACCOUNT_LOCKED')).toBe(CONCURRENT - 4);

  const credential = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: li!.id } });
  expect(credential.lockedUntil!.getTime()).toBeGreaterThan(platform.clock.now().getTime());
  expect(await failureAudits(li!.id, ['login', 'login-locked'])).toBe(CONCURRENT);
});

test(`${CONCURRENT} concurrent wrong PINs on as many challenges: four are refused as wrong, the rest as locked, all counted`, async () => {
  await givePin(zhang!.id);
  const token = await platform.login(zhang!.mobile);
  const challenges = await Promise.all(Array.from({ length: CONCURRENT }, () => startPinChallenge(token)));
  const proofs = await Promise.all(challenges.map((id) => encryptPin(platform, `147036:${id}`)));
  const results = await Promise.all(
    challenges.map((id, index) => platform.query(VERIFY, { token, variables: { id, proof: { encryptedPin: proofs[index] } } })),
  );
  const codes = results.map(({ body }) => codeOf(body));
  expect(count(codes, 'CHALLENGE_INVALID')).toBeLessThanOrEqual(5);
  expect(count(codes, 'CHALLENGE_INVALID')).toBe(4);
  expect(count(codes, 'PIN_LOCKED')).toBe(CONCURRENT - 4);

  const credential = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: zhang!.id } });
  expect(credential.pinFailedCount).toBeGreaterThanOrEqual(5);
  expect(await failureAudits(zhang!.id, ['challenge'])).toBe(CONCURRENT);
  // The right PIN is refused for the rest of the day.
  const next = await startPinChallenge(token);
  const right = await platform.query(VERIFY, {
    token,
    variables: { id: next, proof: { encryptedPin: await encryptPin(platform, `${PIN}:${next}`) } },
  });
  expect(codeOf(right.body)).toBe('PIN_LOCKED');
});

test(`${CONCURRENT} concurrent wrong proofs on one challenge: only its five attempts are checked`, async () => {
  await givePin(zhang!.id);
  const token = await platform.login(zhang!.mobile);
  const challenge = await startPinChallenge(token);
  const proof = await encryptPin(platform, `147036:${challenge}`);
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, () =>
      platform.query(VERIFY, { token, variables: { id: challenge, proof: { encryptedPin: proof } } }),
    ),
  );
  const errors = results.map(({ body }) => body.errors?.[0]);
  // A checked PIN answers how many tries are left today (or that the PIN is now locked); the others never reach the PIN.
  const checked = errors.filter((error) => error?.extensions?.attemptsLeft !== undefined || error?.extensions?.code === 'PIN_LOCKED');
  expect(checked).toHaveLength(5);
  expect(errors.every((error) => error?.extensions?.code === 'CHALLENGE_INVALID' || error?.extensions?.code === 'PIN_LOCKED')).toBe(true);

  const stored = await platform.store('auth').challenge.findUniqueOrThrow({ where: { id: challenge } });
  expect(stored.attempts).toBe(5);
  const credential = await platform.store('auth').credential.findUniqueOrThrow({ where: { userId: zhang!.id } });
  expect(credential.pinFailedCount).toBe(5);
});

test(`${CONCURRENT} concurrent wrong staff passwords: four are refused as wrong, the rest as locked, all counted`, async () => {
  const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, index) =>
      platform.query('mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }', {
        channel: 'OPS',
        variables: { i: { username: DEMO_OPERATOR.username, password: `wrong-${index}`, totpCode } },
      }),
    ),
  );
  const codes = results.map(({ body }) => codeOf(body));
  expect(count(codes, 'INVALID_CREDENTIALS')).toBeLessThanOrEqual(5);
  expect(count(codes, 'INVALID_CREDENTIALS')).toBe(4);
  expect(count(codes, 'ACCOUNT_LOCKED')).toBe(CONCURRENT - 4);

  const staff = await platform.store('auth').staffUser.findUniqueOrThrow({ where: { username: DEMO_OPERATOR.username } });
  expect(staff.lockedUntil!.getTime()).toBeGreaterThan(platform.clock.now().getTime());
  expect(await failureAudits(DEMO_OPERATOR.id, ['staff-login'])).toBe(CONCURRENT);
});
