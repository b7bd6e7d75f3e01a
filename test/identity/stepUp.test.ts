import { verifySync, generateSync } from 'otplib';
import { transferActionHash } from '../../subgraphs/kit/actionHash';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { codeOf, encryptPin, latestSmsCode } from './helpers';

/** Transaction PIN, step-up challenges bound to the action, the internal contract for other centers, risk rules changed by staff. */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;
const source = zhang!.accounts[0]!.id;
const payee = li!.accounts[0]!.number;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const START =
  'mutation Start($purpose: ChallengePurpose!, $context: ChallengeContextInput) ' +
  '{ startChallenge(purpose: $purpose, context: $context) { id method expiresAt } }';
const VERIFY = 'mutation Verify($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token expiresAt } }';
const CONSUME =
  'mutation($token: String!, $purpose: String!, $actionHash: String!) { consumeChallengeToken(token: $token, purpose: $purpose, actionHash: $actionHash) }';
const ASSESS =
  'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { decisionId outcome reasons challengeMethods ruleVersion } }';

async function setPin(token: string, pin: string) {
  const start = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
    token,
    variables: { purpose: 'SET_PIN' },
  });
  expect(start.body.data?.startChallenge.method).toBe('SMS');
  const code = await latestSmsCode(platform, zhang!.mobile);
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
    token,
    variables: { id: start.body.data!.startChallenge.id, proof: { code } },
  });
  const challengeToken = verified.body.data!.verifyChallenge.token;
  return platform.query('mutation($pin: String!, $t: String!) { setTransactionPin(encryptedPin: $pin, challengeToken: $t) }', {
    token,
    variables: { pin: await encryptPin(platform, pin), t: challengeToken },
  });
}

async function transferChallengeToken(token: string, amount: string, pin = '258036') {
  const start = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
    token,
    variables: { purpose: 'TRANSFER', context: { amount, sourceAccountId: source, payeeAccountNumber: payee } },
  });
  const challenge = start.body.data!.startChallenge;
  expect(challenge.method).toBe('TRANSACTION_PIN');
  // The PIN ciphertext names the challenge, so it cannot be replayed on another one.
  return platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
    token,
    variables: { id: challenge.id, proof: { encryptedPin: await encryptPin(platform, `${pin}:${challenge.id}`) } },
  });
}

const consume = (
  token: string,
  actionHash: string,
  as: { service: 'finance'; actingFor?: string; scopes: string[] } = {
    service: 'finance',
    actingFor: zhang!.id,
    scopes: ['auth:challenge:consume'],
  },
) =>
  platform.callCenter<{ consumeChallengeToken: boolean }>('auth', CONSUME, { variables: { token, purpose: 'TRANSFER', actionHash }, as });

test('a transaction PIN is set after an SMS check, SM2-encrypted; weak PINs are refused', async () => {
  const token = await platform.login(zhang!.mobile);
  expect(codeOf((await setPin(token, '123456')).body)).toBe('BAD_USER_INPUT');
  platform.clock.advance(61 * 1000);
  expect((await setPin(token, '258036')).body.data).toEqual({ setTransactionPin: true });
  const settings = await platform.query('{ me { securitySettings { transactionPinSet transactionPinLocked } } }', { token });
  expect(settings.body.data).toEqual({ me: { securitySettings: { transactionPinSet: true, transactionPinLocked: false } } });
});

test('a challenge token is bound to amount, source and payee, and works once', async () => {
  const token = await platform.login(zhang!.mobile);
  const verified = await transferChallengeToken(token, '60000.00');
  const challengeToken = verified.body.data!.verifyChallenge.token;
  const hash = (amountFen: bigint, payeeAccountNumber = payee) =>
    transferActionHash({ amountFen, sourceAccountId: source, payeeAccountNumber });

  expect((await consume(challengeToken, hash(6_000_001n))).body.data?.consumeChallengeToken).toBe(false);
  expect((await consume(challengeToken, hash(6_000_000n, '6230580000000000099'))).body.data?.consumeChallengeToken).toBe(false);
  expect(
    (await consume(challengeToken, hash(6_000_000n), { service: 'finance', actingFor: li!.id, scopes: ['auth:challenge:consume'] })).body
      .data?.consumeChallengeToken,
  ).toBe(false);
  expect((await consume(challengeToken, hash(6_000_000n))).body.data?.consumeChallengeToken).toBe(true);
  expect((await consume(challengeToken, hash(6_000_000n))).body.data?.consumeChallengeToken).toBe(false);
});

test('internal operations refuse a user identity and a service without the scope', async () => {
  const asCustomer = await platform.callCenter('auth', CONSUME, {
    variables: { token: 'ct_x', purpose: 'TRANSFER', actionHash: 'a'.repeat(64) },
    as: { customerId: zhang!.id },
  });
  expect(codeOf(asCustomer.body)).toBe('FORBIDDEN');
  const noScope = await consume('ct_x', 'a'.repeat(64), { service: 'finance', actingFor: zhang!.id, scopes: ['auth:risk:assess'] });
  expect(codeOf(noScope.body)).toBe('FORBIDDEN');
  const viaGateway = await platform.query(ASSESS, {
    token: await platform.login(zhang!.mobile),
    variables: { input: { action: 'TRANSFER', channel: 'MOBILE_APP' } },
  });
  expect(codeOf(viaGateway.body)).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('five wrong PINs in a day lock it until the next day', async () => {
  const token = await platform.login(zhang!.mobile);
  const codes = [];
  for (let index = 0; index < 5; index += 1) codes.push(codeOf((await transferChallengeToken(token, '100.00', '147036')).body));
  expect(codes).toEqual(['CHALLENGE_INVALID', 'CHALLENGE_INVALID', 'CHALLENGE_INVALID', 'CHALLENGE_INVALID', 'PIN_LOCKED']);
  expect(codeOf((await transferChallengeToken(token, '100.00')).body)).toBe('PIN_LOCKED');
  platform.clock.advance(24 * 3600 * 1000);
  const fresh = await platform.login(zhang!.mobile);
  expect((await transferChallengeToken(fresh, '100.00')).body.data?.verifyChallenge.token).toMatch(/^ct_/);
});

describe('risk engine', () => {
  const assess = (amount: string, extra: Record<string, unknown> = {}) =>
    platform.callCenter<{ assessRisk: { outcome: string; reasons: string[]; ruleVersion: number; challengeMethods: string[] } }>(
      'auth',
      ASSESS,
      {
        variables: {
          input: {
            action: 'TRANSFER',
            amount,
            sourceAccountId: source,
            payeeAccountNumber: payee,
            payeeIsNew: false,
            channel: 'MOBILE_APP',
            deviceId: zhang!.deviceId,
            ...extra,
          },
        },
        as: { service: 'finance', actingFor: zhang!.id, scopes: ['auth:risk:assess'] },
      },
    );

  test('small transfers to known payees on a trusted device pass; large or new-payee ones need a challenge', async () => {
    platform.clock.set('2026-11-27T04:00:00.000Z'); // noon in Shanghai
    expect((await assess('100.00')).body.data?.assessRisk).toMatchObject({ outcome: 'ALLOW', reasons: [] });
    const large = (await assess('50000.00')).body.data!.assessRisk;
    expect(large.outcome).toBe('CHALLENGE');
    expect(large.reasons).toContain('LARGE_AMOUNT');
    expect(large.challengeMethods[0]).toBe('TRANSACTION_PIN');
    expect((await assess('49999.99')).body.data?.assessRisk.reasons).not.toContain('LARGE_AMOUNT');
    expect((await assess('10.00', { payeeIsNew: true })).body.data?.assessRisk.reasons).toContain('NEW_PAYEE');
    expect((await assess('10.00', { deviceId: 'unknown-phone' })).body.data?.assessRisk.reasons).toContain('UNTRUSTED_DEVICE');
  });

  test('the demo operator changes a threshold (password + TOTP, audited) and the next decision uses it', async () => {
    const before = (await assess('30000.00')).body.data!.assessRisk;
    expect(before.reasons).not.toContain('LARGE_AMOUNT');

    const secret = demoOperatorTotpSecret();
    const totpCode = generateSync({ secret, epoch: Math.floor(platform.clock.now().getTime() / 1000) });
    expect(verifySync({ secret, token: totpCode, epoch: Math.floor(platform.clock.now().getTime() / 1000) }).valid).toBe(true);
    const wrongTotp = await platform.query('mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }', {
      channel: 'OPS',
      variables: { i: { username: 'ops', password: 'Demo@2026', totpCode: totpCode === '000000' ? '111111' : '000000' } },
    });
    expect(codeOf(wrongTotp.body)).toBe('INVALID_CREDENTIALS');
    const login = await platform.query<{ staffLogin: { accessToken: string } }>(
      'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
      {
        channel: 'OPS',
        variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } },
      },
    );
    const staffToken = login.body.data!.staffLogin.accessToken;

    const customerToken = await platform.login(zhang!.mobile);
    const change = 'mutation($i: RiskRuleChangeInput!) { updateRiskRule(input: $i) { version rules { code parameters { name value } } } }';
    const variables = { i: { code: 'LARGE_AMOUNT', parameters: [{ name: 'minimumAmountFen', value: '2000000' }] } };
    expect(codeOf((await platform.query(change, { token: customerToken, variables })).body)).toBe('FORBIDDEN');
    const changed = await platform.query<{ updateRiskRule: { version: number } }>(change, { token: staffToken, channel: 'OPS', variables });
    expect(changed.body.data?.updateRiskRule.version).toBe(before.ruleVersion + 1);

    const after = (await assess('30000.00')).body.data!.assessRisk;
    expect(after).toMatchObject({ outcome: 'CHALLENGE', ruleVersion: before.ruleVersion + 1 });
    expect(after.reasons).toContain('LARGE_AMOUNT');
  });

  test('a customer token never carries staff roles, even on the OPS channel', async () => {
    const token = await platform.login(zhang!.mobile, 'OPS').catch((error: Error) => error.message);
    expect(token).toContain('FORBIDDEN');
  });
});
