import { SignJWT, generateKeyPair } from 'jose';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, LOGIN, LoginData } from './helpers';

/** Password sign-in: enumeration safety, lockout with the injectable clock, per-address counting, channel and version checks, bad tokens. */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

/** A sign-in from `deviceId`; a demo customer's own demo phone proves itself (its device key signs a nonce). */
const attempt = async (mobile: string, password: string, deviceId = li!.deviceId) => {
  const own = DEMO_CUSTOMERS.some((customer) => customer.mobile === mobile && customer.deviceId === deviceId);
  const deviceProof = own ? (await platform.demoDeviceProof(mobile, 'MOBILE_APP')).deviceProof : null;
  return platform.query<LoginData>(LOGIN, { variables: { input: { mobile, password, device: { deviceId }, deviceProof } } });
};

test('an unknown mobile and a wrong password answer the same error', async () => {
  const unknown = await attempt('13912345678', 'Demo@2026');
  const wrong = await attempt(zhang!.mobile, 'wrong-password', zhang!.deviceId);
  expect(codeOf(unknown.body)).toBe('INVALID_CREDENTIALS');
  expect(codeOf(wrong.body)).toBe('INVALID_CREDENTIALS');
  expect(wrong.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
  // Reset zhang's failure count for the later tests.
  expect((await attempt(zhang!.mobile, 'Demo@2026', zhang!.deviceId)).body.data?.login.accessToken).toBeTruthy();
});

test('five failures lock the credential for 15 minutes, also against the right password', async () => {
  for (let index = 0; index < 4; index += 1) expect(codeOf((await attempt(li!.mobile, `wrong-${index}`)).body)).toBe('INVALID_CREDENTIALS');
  const fifth = await attempt(li!.mobile, 'wrong-5');
  expect(codeOf(fifth.body)).toBe('ACCOUNT_LOCKED');
  const unlockAt = fifth.body.errors?.[0]?.extensions?.unlockAt as string;
  expect(new Date(unlockAt).getTime()).toBe(platform.clock.now().getTime() + 15 * 60 * 1000);

  expect(codeOf((await attempt(li!.mobile, 'Demo@2026')).body)).toBe('ACCOUNT_LOCKED');
  platform.clock.advance(15 * 60 * 1000 + 1000);
  expect((await attempt(li!.mobile, 'Demo@2026')).body.data?.login.accessToken).toBeTruthy();
});

test('an unknown mobile "locks" like a real one, so locking does not reveal accounts', async () => {
  const codes = [];
  for (let index = 0; index < 5; index += 1) codes.push(codeOf((await attempt('13912340000', `x-${index}`)).body));
  expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
  platform.clock.advance(16 * 60 * 1000);
});

test('one device cannot spray passwords over many accounts', async () => {
  const sprayer = 'spray-device-1';
  for (let index = 0; index < 10; index += 1) {
    expect(codeOf((await attempt(`1391000${String(index).padStart(4, '0')}`, 'Demo@2026', sprayer)).body)).toBe('INVALID_CREDENTIALS');
  }
  // The eleventh try from that device is refused before any password check, even for a real account.
  expect(codeOf((await attempt(zhang!.mobile, 'Demo@2026', sprayer)).body)).toBe('TOO_MANY_ATTEMPTS');
  platform.clock.advance(16 * 60 * 1000);
});

test('one address cannot spray passwords over many accounts', async () => {
  for (let index = 0; index < 20; index += 1) {
    await attempt(`1392000${String(index).padStart(4, '0')}`, 'Demo@2026', `spray-device-${index + 100}`);
  }
  expect(codeOf((await attempt(zhang!.mobile, 'Demo@2026', zhang!.deviceId)).body)).toBe('TOO_MANY_ATTEMPTS');
  platform.clock.advance(16 * 60 * 1000);
  expect((await attempt(zhang!.mobile, 'Demo@2026', zhang!.deviceId)).body.data?.login.accessToken).toBeTruthy();
});

test('a token used on another channel is refused', async () => {
  const token = await platform.login(zhang!.mobile, 'WECHAT_MINI');
  const { status, body } = await platform.query('{ me { name } }', { token, channel: 'WEB' });
  expect(status).toBe(403);
  expect(codeOf(body)).toBe('CHANNEL_MISMATCH');
});

test('a client older than its channel minimum must upgrade', async () => {
  const old = await platform.query('{ pinEncryptionKey }', { channel: 'MOBILE_APP', headers: { 'x-client-version': '5.9.9' } });
  expect(old.status).toBe(426);
  expect(codeOf(old.body)).toBe('UPGRADE_REQUIRED');
  expect(old.body.errors?.[0]?.extensions?.minimumVersion).toBe('6.0.0');
  const current = await platform.query('{ pinEncryptionKey }', { channel: 'MOBILE_APP', headers: { 'x-client-version': '6.10.0' } });
  expect(current.body.data).toBeTruthy();
});

describe('bad access tokens', () => {
  const claims = { sub: zhang!.id, sid: 'forged-session', chn: 'MOBILE_APP', acr: 2 };

  test('alg: none is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...claims, iss: 'bank-auth', aud: 'bank-gateway', exp: 4_000_000_000 })).toString(
      'base64url',
    );
    const { status } = await platform.query('{ me { name } }', { token: `${header}.${payload}.x` });
    expect(status).toBe(401);
  });

  test('a token signed with a key the auth center never published (unknown kid) is refused', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'attacker-key' })
      .setIssuer('bank-auth')
      .setAudience('bank-gateway')
      .setIssuedAt(Math.floor(platform.clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(platform.clock.now().getTime() / 1000) + 600)
      .sign(privateKey);
    const { status, body } = await platform.query('{ me { name } }', { token: forged });
    expect(status).toBe(401);
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  test('a genuine token with its kid swapped is refused', async () => {
    const token = await platform.login(zhang!.mobile);
    const [header, payload, signature] = token.split('.');
    const swapped = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(header!, 'base64url').toString()), kid: 'another-kid' }),
    ).toString('base64url');
    expect((await platform.query('{ me { name } }', { token: `${swapped}.${payload}.${signature}` })).status).toBe(401);
  });

  test('an expired token is refused', async () => {
    const token = await platform.login(zhang!.mobile);
    expect((await platform.query('{ me { name } }', { token })).body.data).toBeTruthy();
    platform.clock.advance(16 * 60 * 1000);
    const { status, body } = await platform.query('{ me { name } }', { token });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toContain('过期');
  });
});
