import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, LOGIN, LoginData, VERIFY_NEW_DEVICE } from '../identity/helpers';

/**
 * Behind a load balancer every connection comes from the balancer. With the balancer configured as
 * a trusted proxy, the address the centers see (the per-address sign-in failure counter, the
 * changed-address risk rule) is the customer's own, from `X-Forwarded-For` — not the balancer's.
 * The test client connects from 127.0.0.1, which plays the balancer here.
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'], gateway: { trustedProxies: ['127.0.0.1'] } });
});
afterAll(() => platform.stop());

const loginBehindProxy = (forwardedFor: string, mobile: string, password: string, deviceId: string, deviceProof?: unknown) =>
  platform.query<LoginData>(LOGIN, {
    headers: { 'x-forwarded-for': forwardedFor },
    variables: { input: { mobile, password, device: { deviceId, platform: 'IOS' }, deviceProof } },
  });

/** A demo customer signing in on the app from its trusted phone (the device key signs a fresh nonce). */
const fromTrustedPhone = async (forwardedFor: string, customer: (typeof DEMO_CUSTOMERS)[number]) =>
  loginBehindProxy(
    forwardedFor,
    customer.mobile,
    'Demo@2026',
    customer.deviceId,
    (await platform.demoDeviceProof(customer.mobile, 'MOBILE_APP')).deviceProof,
  );

test("one customer's failed sign-ins behind the proxy do not lock out another customer behind it", async () => {
  const sprayer = '198.51.100.10';
  for (let index = 0; index < 20; index += 1) {
    const failed = await loginBehindProxy(sprayer, `1393000${String(index).padStart(4, '0')}`, 'wrong', `spray-${index}`);
    expect(codeOf(failed.body)).toBe('INVALID_CREDENTIALS');
  }
  // The sprayer's own address is now blocked...
  expect(codeOf((await fromTrustedPhone(sprayer, zhang!)).body)).toBe('TOO_MANY_ATTEMPTS');
  // ...and a customer at another address behind the same proxy still signs in.
  const other = await fromTrustedPhone('203.0.113.20', zhang!);
  expect(other.body.data?.login.accessToken).toBeTruthy();
});

test('the changed-address risk rule sees the forwarded address change', async () => {
  platform.clock.advance(16 * 60 * 1000); // past the sprayer's failure window
  // A browser verified by SMS at the customer's address: it proves itself next time with its device cookie.
  const device = { deviceId: 'proxy-browser', platform: 'WEB' };
  const onWeb = (forwardedFor: string, cookie?: string) =>
    platform.query<LoginData>(LOGIN, {
      channel: 'WEB',
      headers: { 'x-forwarded-for': forwardedFor, ...(cookie ? { cookie } : {}) },
      variables: { input: { mobile: li!.mobile, password: 'Demo@2026', device } },
    });
  const first = await onWeb('203.0.113.30');
  expect(codeOf(first.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  const verified = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB', 'x-forwarded-for': '203.0.113.30' },
    body: JSON.stringify({
      query: VERIFY_NEW_DEVICE.replace('refreshToken }', 'refreshToken deviceToken }'),
      variables: { pendingLoginId: first.body.errors![0]!.extensions!.pendingLoginId, code: await latestSmsCode(platform, li!.mobile) },
    }),
  });
  expect(
    ((await verified.json()) as { data?: { verifyNewDevice?: { accessToken?: string } } }).data?.verifyNewDevice?.accessToken,
  ).toBeTruthy();
  const cookie = verified.headers
    .getSetCookie()
    .find((value) => value.startsWith('bank_device='))!
    .split(';')[0]!;
  // Same browser, same customer address: no SMS.
  expect((await onWeb('203.0.113.30', cookie)).body.data?.login.accessToken).toBeTruthy();

  platform.clock.advance(61 * 1000); // past the SMS resend interval of the first verification
  const moved = await onWeb('198.51.100.40', cookie);
  expect(codeOf(moved.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  expect(moved.body.errors![0]!.extensions!.reasons).toEqual(['CHANGED_ADDRESS']);

  const [latest] = await platform.store('auth').$queryRaw<{ inputs: { clientAddress?: string } }[]>`
    SELECT inputs FROM risk_decision WHERE user_id = ${li!.id} AND action = 'LOGIN' ORDER BY created_at DESC LIMIT 1`;
  expect(latest!.inputs.clientAddress).toBe('198.51.100.40');
});
