import { SignJWT, jwtVerify } from 'jose';
import { ManualClock } from '../clock';
import { signGatewayIdentity, signServiceCredential, verifyInternalCredential } from '../identity/identity';
import { verifiedCredentials } from '../identity/verifiedCredentials';

// The real jose, with its verify counted: a remembered credential must not be checked again.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const cryptoChecks = () => jest.mocked(jwtVerify).mock.calls.length;

const clock = new ManualClock('2026-11-25T02:00:00.000Z');

test('a gateway identity round-trips', async () => {
  const token = await signGatewayIdentity({ channel: 'WECHAT_MINI', userId: 'u1', sessionId: 's1', deviceId: 'd1', authLevel: 1 }, clock);
  await expect(verifyInternalCredential(token, clock)).resolves.toEqual({
    kind: 'gateway',
    channel: 'WECHAT_MINI',
    userId: 'u1',
    sessionId: 's1',
    deviceId: 'd1',
    authLevel: 1,
  });
});

test('a service credential carries caller, customer and scopes', async () => {
  const token = await signServiceCredential({ service: 'limits', actingFor: 'u1', scopes: ['account:classes:read'] }, clock);
  await expect(verifyInternalCredential(token, clock)).resolves.toEqual({
    kind: 'service',
    service: 'limits',
    actingFor: 'u1',
    scopes: ['account:classes:read'],
  });
});

test('missing, forged, expired and unknown-issuer credentials are refused with 401', async () => {
  const refused = { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };
  await expect(verifyInternalCredential(undefined, clock)).rejects.toMatchObject(refused);
  const forged = await new SignJWT({ chn: 'WEB' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('gateway')
    .setAudience('bank-subgraphs')
    .setSubject('u1')
    .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 60)
    .sign(new TextEncoder().encode('not-the-platform-secret-but-32-bytes!'));
  await expect(verifyInternalCredential(forged, clock)).rejects.toMatchObject(refused);

  const token = await signGatewayIdentity({ channel: 'WEB', userId: 'u1', authLevel: 1 }, clock);
  const later = new ManualClock(clock.now());
  later.advance(5 * 60_000);
  await expect(verifyInternalCredential(token, later)).rejects.toMatchObject({ message: '内部身份凭证已过期' });
  await expect(verifyInternalCredential('not.a.jwt', clock)).rejects.toMatchObject(refused);
});

test('staff roles travel only on the OPS channel', async () => {
  const staff = await signGatewayIdentity({ channel: 'OPS', userId: 'ops-1', authLevel: 2, roles: ['OPERATOR'] }, clock);
  await expect(verifyInternalCredential(staff, clock)).resolves.toMatchObject({ roles: ['OPERATOR'] });
  const customer = await signGatewayIdentity({ channel: 'WEB', userId: 'u1', authLevel: 1, roles: ['ADMIN'] }, clock);
  const verified = await verifyInternalCredential(customer, clock);
  expect('roles' in verified ? verified.roles : undefined).toBeUndefined();
});

describe('a verified credential is remembered', () => {
  test('the same token is checked cryptographically once, and every answer is the same frozen identity', async () => {
    const token = await signGatewayIdentity({ channel: 'OPS', userId: 'remembered-1', authLevel: 2, roles: ['OPERATOR'] }, clock);
    const before = cryptoChecks();
    const first = await verifyInternalCredential(token, clock);
    expect(cryptoChecks()).toBe(before + 1);
    const soon = new ManualClock(clock.now());
    soon.advance(5_000);
    const second = await verifyInternalCredential(token, soon);
    expect(cryptoChecks()).toBe(before + 1);
    expect(second).toBe(first);
    expect(second).toMatchObject({ kind: 'gateway', userId: 'remembered-1', roles: ['OPERATOR'] });
    // No request can change what the next one is told.
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen('roles' in first ? first.roles : undefined)).toBe(true);
    expect(() => {
      (first as { userId?: string }).userId = 'someone-else';
    }).toThrow(TypeError);

    const service = await signServiceCredential({ service: 'limits', actingFor: 'remembered-1', scopes: ['account:classes:read'] }, clock);
    const called = await verifyInternalCredential(service, clock);
    expect(Object.isFrozen(called)).toBe(true);
    expect(Object.isFrozen('scopes' in called ? called.scopes : undefined)).toBe(true);
  });

  test("a remembered token is refused as expired once the caller's clock passes its exp", async () => {
    const token = await signGatewayIdentity({ channel: 'WEB', userId: 'remembered-2', authLevel: 1 }, clock);
    await expect(verifyInternalCredential(token, clock)).resolves.toMatchObject({ userId: 'remembered-2' });
    const atExpiry = new ManualClock(clock.now());
    atExpiry.advance(60_000);
    await expect(verifyInternalCredential(token, atExpiry)).rejects.toMatchObject({
      message: '内部身份凭证已过期',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  test('a long-lived token is checked again after a minute and still accepted', async () => {
    const token = await signGatewayIdentity({ channel: 'WEB', userId: 'remembered-3', authLevel: 1 }, clock, 3_600);
    await verifyInternalCredential(token, clock);
    const before = cryptoChecks();
    const later = new ManualClock(clock.now());
    later.advance(59_000);
    await verifyInternalCredential(token, later);
    expect(cryptoChecks()).toBe(before);
    later.advance(1_000);
    await expect(verifyInternalCredential(token, later)).resolves.toMatchObject({ userId: 'remembered-3' });
    expect(cryptoChecks()).toBe(before + 1);
  });

  test('a tampered token is refused every time, never remembered', async () => {
    const token = await signGatewayIdentity({ channel: 'WEB', userId: 'remembered-4', authLevel: 1 }, clock);
    await verifyInternalCredential(token, clock);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...claims, acr: 2 })).toString('base64url');
    const tampered = `${header}.${raised}.${signature}`;
    const before = cryptoChecks();
    for (let attempt = 1; attempt <= 2; attempt++) {
      await expect(verifyInternalCredential(tampered, clock)).rejects.toMatchObject({
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
