import { SignJWT, jwtVerify } from 'jose';
import { ManualClock } from '../clock';
import { signGatewayIdentity, signServiceCredential, verifyInternalCredential } from '../identity/identity';
import { createInternalKeyring, generatedKeyEnvironment } from '../identity/internalKeys';
import { verifiedCredentials } from '../identity/verifiedCredentials';

// The real jose, with its verify counted: a remembered credential must not be checked again.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const cryptoChecks = () => jest.mocked(jwtVerify).mock.calls.length;

const clock = new ManualClock('2026-11-25T02:00:00.000Z');
/** Every process's key in one keyring, as a development machine or a test run has it. */
const keyring = createInternalKeyring(generatedKeyEnvironment());
const forAccount = (at: ManualClock = clock) => ({ audience: 'account' as const, clock: at, keyring });

test('a gateway identity round-trips', async () => {
  const token = await signGatewayIdentity(
    { channel: 'WECHAT_MINI', userId: 'u1', sessionId: 's1', deviceId: 'd1', authLevel: 1 },
    forAccount(),
  );
  await expect(verifyInternalCredential(token, forAccount())).resolves.toEqual({
    kind: 'gateway',
    channel: 'WECHAT_MINI',
    userId: 'u1',
    sessionId: 's1',
    deviceId: 'd1',
    authLevel: 1,
  });
});

test('a service credential carries caller, customer and scopes', async () => {
  const token = await signServiceCredential({ service: 'limits', actingFor: 'u1', scopes: ['account:classes:read'] }, forAccount());
  await expect(verifyInternalCredential(token, forAccount())).resolves.toEqual({
    kind: 'service',
    service: 'limits',
    actingFor: 'u1',
    scopes: ['account:classes:read'],
  });
});

test('missing, forged, expired and unknown-issuer credentials are refused with 401', async () => {
  const refused = { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };
  await expect(verifyInternalCredential(undefined, forAccount())).rejects.toMatchObject(refused);
  const forged = await new SignJWT({ chn: 'WEB' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('gateway')
    .setAudience('account')
    .setSubject('u1')
    .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 60)
    .sign(new TextEncoder().encode('not-the-platform-secret-but-32-bytes!'));
  await expect(verifyInternalCredential(forged, forAccount())).rejects.toMatchObject(refused);

  const token = await signGatewayIdentity({ channel: 'WEB', userId: 'u1', authLevel: 1 }, forAccount());
  const later = new ManualClock(clock.now());
  later.advance(5 * 60_000);
  await expect(verifyInternalCredential(token, forAccount(later))).rejects.toMatchObject({ message: '内部身份凭证已过期' });
  await expect(verifyInternalCredential('not.a.jwt', forAccount())).rejects.toMatchObject(refused);
});

test('staff roles travel only on the OPS channel', async () => {
  const staff = await signGatewayIdentity({ channel: 'OPS', userId: 'ops-1', authLevel: 2, roles: ['OPERATOR'] }, forAccount());
  await expect(verifyInternalCredential(staff, forAccount())).resolves.toMatchObject({ roles: ['OPERATOR'] });
  const customer = await signGatewayIdentity({ channel: 'WEB', userId: 'u1', authLevel: 1, roles: ['ADMIN'] }, forAccount());
  const verified = await verifyInternalCredential(customer, forAccount());
  expect('roles' in verified ? verified.roles : undefined).toBeUndefined();
});

describe('a verified credential is remembered', () => {
  test('the same token is checked cryptographically once, and every answer is the same frozen identity', async () => {
    const token = await signGatewayIdentity({ channel: 'OPS', userId: 'remembered-1', authLevel: 2, roles: ['OPERATOR'] }, forAccount());
    const before = cryptoChecks();
    const first = await verifyInternalCredential(token, forAccount());
    expect(cryptoChecks()).toBe(before + 1);
    const soon = new ManualClock(clock.now());
    soon.advance(5_000);
    const second = await verifyInternalCredential(token, forAccount(soon));
    expect(cryptoChecks()).toBe(before + 1);
    expect(second).toBe(first);
    expect(second).toMatchObject({ kind: 'gateway', userId: 'remembered-1', roles: ['OPERATOR'] });
    // No request can change what the next one is told.
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen('roles' in first ? first.roles : undefined)).toBe(true);
    expect(() => {
      (first as { userId?: string }).userId = 'someone-else';
    }).toThrow(TypeError);

    const service = await signServiceCredential(
      { service: 'limits', actingFor: 'remembered-1', scopes: ['account:classes:read'] },
      forAccount(),
    );
    const called = await verifyInternalCredential(service, forAccount());
    expect(Object.isFrozen(called)).toBe(true);
    expect(Object.isFrozen('scopes' in called ? called.scopes : undefined)).toBe(true);
  });

  test("a remembered token is refused as expired once the caller's clock passes its exp", async () => {
    const token = await signGatewayIdentity({ channel: 'WEB', userId: 'remembered-2', authLevel: 1 }, forAccount());
    await expect(verifyInternalCredential(token, forAccount())).resolves.toMatchObject({ userId: 'remembered-2' });
    const atExpiry = new ManualClock(clock.now());
    atExpiry.advance(60_000);
    await expect(verifyInternalCredential(token, forAccount(atExpiry))).rejects.toMatchObject({
      message: '内部身份凭证已过期',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  test('a long-lived token is checked again after a minute and still accepted', async () => {
    const token = await signGatewayIdentity(
      { channel: 'WEB', userId: 'remembered-3', authLevel: 1 },
      { ...forAccount(), lifetimeSeconds: 3_600 },
    );
    await verifyInternalCredential(token, forAccount());
    const before = cryptoChecks();
    const later = new ManualClock(clock.now());
    later.advance(59_000);
    await verifyInternalCredential(token, forAccount(later));
    expect(cryptoChecks()).toBe(before);
    later.advance(1_000);
    await expect(verifyInternalCredential(token, forAccount(later))).resolves.toMatchObject({ userId: 'remembered-3' });
    expect(cryptoChecks()).toBe(before + 1);
  });

  test('a tampered token is refused every time, never remembered', async () => {
    const token = await signGatewayIdentity({ channel: 'WEB', userId: 'remembered-4', authLevel: 1 }, forAccount());
    await verifyInternalCredential(token, forAccount());
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...claims, acr: 2 })).toString('base64url');
    const tampered = `${header}.${raised}.${signature}`;
    const before = cryptoChecks();
    for (let attempt = 1; attempt <= 2; attempt++) {
      await expect(verifyInternalCredential(tampered, forAccount())).rejects.toMatchObject({
        message: '内部身份凭证无效',
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
      expect(cryptoChecks()).toBe(before + attempt);
    }
  });

  test('remembering is bounded: the oldest token goes first, and nothing outlives its exp or the cap', () => {
    const remembered = verifiedCredentials<string>({ maxEntries: 3, longestSeconds: 60 });
    const now = 1_000;
    for (let index = 1; index <= 5; index++) {
      remembered.remember(`token-${index}`, `identity-${index}`, now + 60, now);
      expect(remembered.size).toBeLessThanOrEqual(3);
    }
    expect(remembered.recall('token-1', now)).toBeUndefined();
    expect(remembered.recall('token-2', now)).toBeUndefined();
    expect(remembered.recall('token-5', now)).toBe('identity-5');

    remembered.remember('far-future', 'bench', now + 86_400, now);
    expect(remembered.recall('far-future', now + 59)).toBe('bench');
    expect(remembered.recall('far-future', now + 60)).toBeUndefined();
    expect(remembered.recall('token-5', now + 60)).toBeUndefined();
    // A clock moved backwards does not extend trust either.
    remembered.remember('rewound', 'identity', now + 60, now);
    expect(remembered.recall('rewound', now - 1)).toBeUndefined();
    remembered.remember('already-expired', 'identity', now, now);
    expect(remembered.recall('already-expired', now)).toBeUndefined();
  });
});

describe('no process can speak for another', () => {
  const refused = { message: '内部身份凭证无效', extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };

  /** The private key of `owner` from a generated environment, as jose signs with it. */
  const privateKeyOf = (env: Record<string, string>, owner: 'finance' | 'limits' | 'gateway') =>
    createInternalKeyring(env).signingKey(owner);
  const sharedEnv = generatedKeyEnvironment();
  const everyone = createInternalKeyring(sharedEnv);

  test('a token names its audience: one the gateway signed for marketing is refused by finance', async () => {
    const forMarketing = await signGatewayIdentity(
      { channel: 'MOBILE_APP', userId: 'u1', authLevel: 2 },
      { audience: 'marketing', clock, keyring: everyone },
    );
    await expect(verifyInternalCredential(forMarketing, { audience: 'marketing', clock, keyring: everyone })).resolves.toMatchObject({
      userId: 'u1',
    });
    await expect(verifyInternalCredential(forMarketing, { audience: 'finance', clock, keyring: everyone })).rejects.toMatchObject(refused);
  });

  test("a center's key cannot sign a customer identity, nor a credential of another center", async () => {
    const finance = privateKeyOf(sharedEnv, 'finance');
    const now = Math.floor(clock.now().getTime() / 1000);
    const asGateway = await new SignJWT({ chn: 'MOBILE_APP', acr: 2 })
      .setProtectedHeader({ alg: 'EdDSA', kid: finance.kid })
      .setIssuer('gateway')
      .setAudience('account')
      .setSubject('u1')
      .setExpirationTime(now + 60)
      .sign(finance.privateKey);
    await expect(verifyInternalCredential(asGateway, { audience: 'account', clock, keyring: everyone })).rejects.toMatchObject(refused);

    const limits = privateKeyOf(sharedEnv, 'limits');
    const asFinance = await new SignJWT({ scope: 'account:ledger:post' })
      .setProtectedHeader({ alg: 'EdDSA', kid: limits.kid })
      .setIssuer('service:finance')
      .setAudience('account')
      .setExpirationTime(now + 60)
      .sign(limits.privateKey);
    await expect(verifyInternalCredential(asFinance, { audience: 'account', clock, keyring: everyone })).rejects.toMatchObject(refused);
  });

  test('a key nobody configured, or the right kid with another algorithm, is refused', async () => {
    const stranger = createInternalKeyring(generatedKeyEnvironment());
    const token = await signGatewayIdentity(
      { channel: 'WEB', userId: 'u1', authLevel: 1 },
      { audience: 'account', clock, keyring: stranger },
    );
    await expect(verifyInternalCredential(token, { audience: 'account', clock, keyring: everyone })).rejects.toMatchObject(refused);

    const hmac = await new SignJWT({ chn: 'WEB' })
      .setProtectedHeader({ alg: 'HS256', kid: everyone.signingKey('gateway').kid })
      .setIssuer('gateway')
      .setAudience('account')
      .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 60)
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes'));
    await expect(verifyInternalCredential(hmac, { audience: 'account', clock, keyring: everyone })).rejects.toMatchObject(refused);
  });

  test('a process holds only the keys it is given: a center cannot sign as the gateway', () => {
    const { INTERNAL_TRUSTED_KEYS, ACCOUNT_INTERNAL_SIGNING_KEY } = sharedEnv;
    const accountOnly = createInternalKeyring({ NODE_ENV: 'production', INTERNAL_TRUSTED_KEYS, ACCOUNT_INTERNAL_SIGNING_KEY });
    expect(accountOnly.signingKey('account').kid).toBe(everyone.signingKey('account').kid);
    expect(() => accountOnly.signingKey('gateway')).toThrow('GATEWAY_INTERNAL_SIGNING_KEY is not set');
    expect(() => createInternalKeyring({ NODE_ENV: 'production' }).signingKey('account')).toThrow('ACCOUNT_INTERNAL_SIGNING_KEY');
  });

  test('during a key switch both kids of the gateway verify; after it only the new one', async () => {
    const oldEnv = generatedKeyEnvironment(['gateway']);
    const newEnv = generatedKeyEnvironment(['gateway']);
    const gatewayKey = (env: Record<string, string>) =>
      JSON.parse(env.INTERNAL_TRUSTED_KEYS!).keys.find((key: { kid: string }) => key.kid.startsWith('gateway:'));
    const callee = (keys: unknown[]) => createInternalKeyring({ NODE_ENV: 'production', INTERNAL_TRUSTED_KEYS: JSON.stringify({ keys }) });
    const sign = (env: Record<string, string>) =>
      signGatewayIdentity(
        { channel: 'WEB', userId: 'switch', authLevel: 1 },
        { audience: 'user', clock, keyring: createInternalKeyring(env) },
      );

    const during = callee([gatewayKey(oldEnv), gatewayKey(newEnv)]);
    await expect(verifyInternalCredential(await sign(oldEnv), { audience: 'user', clock, keyring: during })).resolves.toMatchObject({
      userId: 'switch',
    });
    await expect(verifyInternalCredential(await sign(newEnv), { audience: 'user', clock, keyring: during })).resolves.toMatchObject({
      userId: 'switch',
    });
    const after = callee([gatewayKey(newEnv)]);
    await expect(verifyInternalCredential(await sign(oldEnv), { audience: 'user', clock, keyring: after })).rejects.toMatchObject(refused);
  });

  test('a trusted key filed under another owner is refused when the keyring is read', () => {
    const keys = JSON.parse(sharedEnv.INTERNAL_TRUSTED_KEYS!).keys as { kid: string }[];
    const limitsKey = keys.find((key) => key.kid.startsWith('limits:'))!;
    const misfiled = { ...limitsKey, kid: limitsKey.kid.replace('limits:', 'gateway:') };
    expect(() => createInternalKeyring({ NODE_ENV: 'production', INTERNAL_TRUSTED_KEYS: JSON.stringify({ keys: [misfiled] }) })).toThrow(
      'does not match its key',
    );
    expect(() => createInternalKeyring({ NODE_ENV: 'production', INTERNAL_TRUSTED_KEYS: 'not json' })).toThrow('must be a JWKS');
  });
});
