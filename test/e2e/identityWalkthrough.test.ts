/**
 * The identity story as a new user meets it, through the gateway: 张晓明 signs in on a new phone with
 * an SMS code, sets a transaction PIN, registers the phone's biometric key and signs in with it,
 * sees his web session and ends it, and cannot read 李秀英's account; then the demo operator
 * (password + TOTP on OPS) lowers the large-amount threshold and the next transfer from his trusted
 * phone asks for a step-up.
 *
 * @longRunning
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { generateSync } from 'otplib';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { demoDeviceCookie, startTestPlatform, TestPlatform } from '../support/platform';
import { encryptPin, latestSmsCode, loginOnNewDevice } from '../identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, newKey } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const NEW_PHONE = 'walkthrough-phone-0001';
const START = 'mutation($purpose: ChallengePurpose!) { startChallenge(purpose: $purpose) { id method } }';
const VERIFY = 'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';

describe('identity walkthrough', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  async function smsStepUp(token: string, purpose: string): Promise<string> {
    platform.clock.advance(61_000); // one SMS a minute per mobile
    const start = await platform.query<{ startChallenge: { id: string; method: string } }>(START, { token, variables: { purpose } });
    expect(start.body.data?.startChallenge.method).toBe('SMS');
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
      token,
      variables: { id: start.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, zhang.mobile) } },
    });
    return verified.body.data!.verifyChallenge.token;
  }

  it('new phone, PIN, biometric key, sessions, other customer refused, operator rule change', async () => {
    const web = await platform.query<{ login: { accessToken: string; sessionId: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { accessToken sessionId } }',
      // The browser that verified this device before sends its device cookie.
      {
        channel: 'WEB',
        headers: { cookie: demoDeviceCookie(zhang) },
        variables: { input: { mobile: zhang.mobile, password: 'Demo@2026', device: { deviceId: zhang.deviceId } } },
      },
    );
    const webSession = web.body.data!.login;

    // A phone the bank has never seen: password, then the SMS code.
    const phone = await loginOnNewDevice(platform, zhang.mobile, NEW_PHONE);
    const pin = await platform.query('mutation($pin: String!, $t: String!) { setTransactionPin(encryptedPin: $pin, challengeToken: $t) }', {
      token: phone.accessToken,
      variables: { pin: await encryptPin(platform, '258036'), t: await smsStepUp(phone.accessToken, 'SET_PIN') },
    });
    expect(pin.body.data).toEqual({ setTransactionPin: true });

    // The phone's secure hardware makes a P-256 key; the bank keeps the public half.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const registered = await platform.query<{ registerDeviceKey: { id: string; deviceId: string } }>(
      'mutation($key: String!, $token: String!) { registerDeviceKey(publicKey: $key, challengeToken: $token) { id deviceId } }',
      {
        token: phone.accessToken,
        variables: {
          key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
          token: await smsStepUp(phone.accessToken, 'REGISTER_DEVICE_KEY'),
        },
      },
    );
    expect(registered.body.data!.registerDeviceKey.deviceId).toBe(NEW_PHONE);
    const deviceKeyId = registered.body.data!.registerDeviceKey.id;

    // Face unlock on the phone signs the server's nonce: a new session without the password.
    const nonce = await platform.query<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(
      'mutation($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce } }',
      { variables: { id: deviceKeyId } },
    );
    const { nonceId, nonce: serverNonce } = nonce.body.data!.startDeviceKeyLogin;
    const biometric = await platform.query<{ loginWithDeviceKey: { accessToken: string; sessionId: string } }>(
      'mutation($input: DeviceKeyLoginInput!) { loginWithDeviceKey(input: $input) { accessToken sessionId } }',
      {
        variables: {
          input: {
            deviceKeyId,
            nonceId,
            signature: sign('sha256', Buffer.from(serverNonce, 'utf8'), privateKey).toString('base64'),
            device: { deviceId: NEW_PHONE, platform: 'IOS', appVersion: '6.1.0' },
          },
        },
      },
    );
    const token = biometric.body.data!.loginWithDeviceKey.accessToken;
    expect(token).toBeTruthy();

    // Sessions: the web one is listed and can be ended from the phone; it is refused at once.
    const sessions = await platform.query<{ mySessions: { id: string; channel: string; current: boolean }[] }>(
      '{ mySessions { id channel current } }',
      { token },
    );
    expect(sessions.body.data!.mySessions).toContainEqual({ id: webSession.sessionId, channel: 'WEB', current: false });
    expect(sessions.body.data!.mySessions.find((session) => session.current)?.id).toBe(biometric.body.data!.loginWithDeviceKey.sessionId);
    const revoked = await platform.query('mutation($id: ID!) { revokeSession(id: $id) }', {
      token,
      variables: { id: webSession.sessionId },
    });
    expect(revoked.body.data).toEqual({ revokeSession: true });
    expect((await platform.query('{ me { name } }', { token: webSession.accessToken, channel: 'WEB' })).status).toBe(401);

    // 李秀英's account is not his to read.
    const foreign = await platform.query('query($id: ID!) { account(id: $id) { id balance { amount } } }', {
      token,
      variables: { id: li.accounts[0]!.id },
    });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(foreign.body.data?.account ?? null).toBeNull();

    // From his long-trusted phone, 25,000.00 to a saved payee passes today's rules without a step-up …
    const trusted = await platform.login(zhang.mobile);
    const send = async () =>
      (
        await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
          token: trusted,
          variables: {
            input: {
              fromAccountId: zhang.accounts[0]!.id,
              toAccountNumber: li.accounts[0]!.number,
              toName: li.name,
              amount: '25000.00',
              idempotencyKey: newKey('walk'),
            },
          },
        })
      ).body.data!.createTransfer;
    expect((await send()).__typename).toBe('TransferCompleted');

    // … until the operator lowers the large-amount threshold to 20,000.00.
    const staff = await platform.query<{ staffLogin: { accessToken: string } }>(
      'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
      {
        channel: 'OPS',
        variables: {
          i: {
            username: 'ops',
            password: 'Demo@2026',
            totpCode: generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) }),
          },
        },
      },
    );
    const changed = await platform.query<{ updateRiskRule: { version: number } }>(
      'mutation($i: RiskRuleChangeInput!) { updateRiskRule(input: $i) { version } }',
      {
        token: staff.body.data!.staffLogin.accessToken,
        channel: 'OPS',
        variables: { i: { code: 'LARGE_AMOUNT', parameters: [{ name: 'minimumAmountFen', value: '2000000' }] } },
      },
    );
    expect(changed.body.errors).toBeUndefined();
    expect(await send()).toMatchObject({ __typename: 'TransferChallengeRequired', methods: expect.arrayContaining(['TRANSACTION_PIN']) });
  });
});
