import { generateKeyPairSync } from 'node:crypto';
import { fetch } from 'undici';
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { SandboxWechatProvider } from '../../subgraphs/auth/service/miniProgram/providers';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, LOGIN, VERIFY_NEW_DEVICE } from './helpers';

/**
 * A device id is only a claim. At password sign-in a known device proves itself by its channel's
 * means — the app's device key over a fresh nonce, the browser's HttpOnly device cookie, the
 * mini-program's bound platform identity — or the sign-in goes through the SMS step as from a new device.
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());
// A refused proof texts a code; one code a minute per mobile.
afterEach(() => platform.clock.advance(61 * 1000));

interface Attempt {
  channel: string;
  input: Record<string, unknown>;
  cookie?: string;
}

/** A sign-in as the client sends it, with the response's cookies. */
async function signIn({ channel, input, cookie }: Attempt) {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': channel, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { input: { password: DEMO_PASSWORD, ...input } } }),
  });
  const body = (await response.json()) as {
    data?: { login?: { accessToken: string } } | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
  return { body, cookies: response.headers.getSetCookie() };
}

async function nonce(deviceKeyId: string) {
  const { body } = await platform.query<{ startDeviceKeyLogin: { nonceId: string; nonce: string } }>(
    'mutation($id: ID!) { startDeviceKeyLogin(deviceKeyId: $id) { nonceId nonce } }',
    { variables: { id: deviceKeyId } },
  );
  return body.data!.startDeviceKeyLogin;
}

describe('MOBILE_APP: the device key signs a single-use nonce', () => {
  const key = demoDeviceKey(zhang!.id);
  const device = { deviceId: zhang!.deviceId, platform: 'ANDROID' };

  test('a signature by the device key signs in on the known device', async () => {
    const { nonceId, nonce: value } = await nonce(key.id);
    const { body } = await signIn({
      channel: 'MOBILE_APP',
      input: {
        mobile: zhang!.mobile,
        device,
        deviceProof: { deviceKeyId: key.id, nonceId, signature: signDeviceNonce(key.privateKey, value) },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.login?.accessToken).toEqual(expect.any(String));
  });

  test('the known device id alone (a forged device) is treated as a new device', async () => {
    const { body } = await signIn({ channel: 'MOBILE_APP', input: { mobile: zhang!.mobile, device } });
    expect(codeOf(body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });

  test('a signature by another key, or a nonce used twice, proves nothing', async () => {
    const { nonceId, nonce: value } = await nonce(key.id);
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = await signIn({
      channel: 'MOBILE_APP',
      input: { mobile: zhang!.mobile, device, deviceProof: { deviceKeyId: key.id, nonceId, signature: signDeviceNonce(stranger, value) } },
    });
    expect(codeOf(forged.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
    platform.clock.advance(61 * 1000);
    // The nonce was spent by the forged attempt: even the right signature over it no longer counts.
    const replayed = await signIn({
      channel: 'MOBILE_APP',
      input: {
        mobile: zhang!.mobile,
        device,
        deviceProof: { deviceKeyId: key.id, nonceId, signature: signDeviceNonce(key.privateKey, value) },
      },
    });
    expect(codeOf(replayed.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });

  test("another customer's device key does not prove this customer's device", async () => {
    const other = demoDeviceKey(li!.id);
    const { nonceId, nonce: value } = await nonce(other.id);
    const { body } = await signIn({
      channel: 'MOBILE_APP',
      input: {
        mobile: zhang!.mobile,
        device,
        deviceProof: { deviceKeyId: other.id, nonceId, signature: signDeviceNonce(other.privateKey, value) },
      },
    });
    expect(codeOf(body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });

  test('a proven device whose fingerprint changed goes through the SMS step, naming the reason', async () => {
    await platform.store('auth').device.update({
      where: { userId_deviceId: { userId: zhang!.id, deviceId: zhang!.deviceId } },
      data: { fingerprintHash: 'fp-original-0001' },
    });
    const signed = async (fingerprintHash: string) => {
      const { nonceId, nonce: value } = await nonce(key.id);
      return signIn({
        channel: 'MOBILE_APP',
        input: {
          mobile: zhang!.mobile,
          device: { ...device, fingerprintHash },
          deviceProof: { deviceKeyId: key.id, nonceId, signature: signDeviceNonce(key.privateKey, value) },
        },
      });
    };
    const changed = await signed('fp-changed-0002');
    expect(codeOf(changed.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
    expect(changed.body.errors?.[0]?.extensions?.reasons).toContain('DEVICE_FINGERPRINT_CHANGED');
    expect((await signed('fp-original-0001')).body.data?.login?.accessToken).toEqual(expect.any(String));
  });
});

describe('WEB: the HttpOnly device cookie issued when the browser was verified', () => {
  const device = { deviceId: 'web-browser-li-1', platform: 'WEB' };

  test('a verified browser gets an HttpOnly cookie (never the token in the body) and signs in with it next time', async () => {
    const first = await signIn({ channel: 'WEB', input: { mobile: li!.mobile, device } });
    expect(codeOf(first.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
    const pendingLoginId = first.body.errors![0]!.extensions!.pendingLoginId as string;
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
      body: JSON.stringify({
        query: VERIFY_NEW_DEVICE.replace('refreshToken }', 'refreshToken deviceToken }'),
        variables: { pendingLoginId, code: await latestSmsCode(platform, li!.mobile) },
      }),
    });
    const verified = (await response.json()) as { data: { verifyNewDevice: { accessToken: string; deviceToken: string | null } } };
    expect(verified.data.verifyNewDevice.accessToken).toEqual(expect.any(String));
    expect(verified.data.verifyNewDevice.deviceToken).toBeNull();
    const deviceCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('bank_device='));
    expect(deviceCookie).toMatch(/; HttpOnly/);
    expect(deviceCookie).toMatch(/; SameSite=Strict/);
    const cookie = deviceCookie!.split(';')[0]!;

    platform.clock.advance(61 * 1000);
    const again = await signIn({ channel: 'WEB', input: { mobile: li!.mobile, device }, cookie });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data?.login?.accessToken).toEqual(expect.any(String));

    // The same cookie does not vouch for another device id, nor does a token put in the body instead of the cookie.
    platform.clock.advance(61 * 1000);
    const otherDevice = await signIn({
      channel: 'WEB',
      input: { mobile: li!.mobile, device: { ...device, deviceId: li!.deviceId } },
      cookie,
    });
    expect(codeOf(otherDevice.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
    platform.clock.advance(61 * 1000);
    const inBody = await signIn({
      channel: 'WEB',
      input: { mobile: li!.mobile, device, deviceProof: { deviceToken: cookie.slice('bank_device='.length) } },
    });
    expect(codeOf(inBody.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });

  test('a forged or tampered device cookie is treated as a new device', async () => {
    const forged = await signIn({
      channel: 'WEB',
      input: { mobile: zhang!.mobile, device: { deviceId: zhang!.deviceId } },
      cookie: 'bank_device=dv1.x.y',
    });
    expect(codeOf(forged.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });
});

describe('mini-programs: the bound platform identity', () => {
  const device = { deviceId: zhang!.deviceId, platform: 'WECHAT' };

  test('once bound, only a fresh code of the bound identity proves the device', async () => {
    const { subject } = await new SandboxWechatProvider().resolveCode('wx_sandbox_zhang-binding');
    await platform.store('auth').platformIdentity.create({
      data: { provider: 'WECHAT', subject, userId: zhang!.id, createdAt: platform.clock.now() },
    });
    const proven = await signIn({
      channel: 'WECHAT_MINI',
      input: { mobile: zhang!.mobile, device, deviceProof: { miniProgramCode: 'wx_sandbox_zhang-binding.1' } },
    });
    expect(proven.body.errors).toBeUndefined();
    expect(proven.body.data?.login?.accessToken).toEqual(expect.any(String));

    const someoneElse = await signIn({
      channel: 'WECHAT_MINI',
      input: { mobile: zhang!.mobile, device, deviceProof: { miniProgramCode: 'wx_sandbox_mallory.1' } },
    });
    expect(codeOf(someoneElse.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
    platform.clock.advance(61 * 1000);
    const noCode = await signIn({ channel: 'WECHAT_MINI', input: { mobile: zhang!.mobile, device } });
    expect(codeOf(noCode.body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  });
});
