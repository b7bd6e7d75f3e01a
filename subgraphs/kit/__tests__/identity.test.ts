import { SignJWT } from 'jose';
import { ManualClock } from '../clock';
import { signGatewayIdentity, signServiceCredential, verifyInternalCredential } from '../identity';

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
