/**
 * Access tokens verified once per token: a repeat of the same token is answered from memory, but
 * never past the token's expiry by the gateway's clock nor past a minute, and a token that fails
 * verification (forged, wrong audience) is refused every time, whatever is remembered.
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { createAccessTokenVerifier } from '../../gateway/identity/accessTokens';
import { ManualClock } from '../../platform/clock';

let server: Server;
let jwksUrl: string;
let privateKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sign(clock: ManualClock, overrides: { audience?: string; key?: CryptoKey; lifetimeSeconds?: number } = {}) {
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({ chn: 'MOBILE_APP', sid: 'session-1', dev: 'device-1', acr: 1 })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('customer-1')
    .setIssuer('bank-auth')
    .setAudience(overrides.audience ?? 'bank-gateway')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (overrides.lifetimeSeconds ?? 900))
    .sign(overrides.key ?? privateKey);
}

test('the same token is verified once and answered from memory afterwards', async () => {
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  const token = await sign(clock);
  const first = await verify(token);
  expect(first).toMatchObject({ channel: 'MOBILE_APP', userId: 'customer-1', sessionId: 'session-1', authLevel: 1 });
  expect(Object.isFrozen(first)).toBe(true);
  clock.advance(30_000);
  expect(await verify(token)).toBe(first);
  // Past the one-minute cap the token is verified again (still valid: a fresh identity object).
  clock.advance(31_000);
  const again = await verify(token);
  expect(again).not.toBe(first);
  expect(again).toEqual(first);
});

test('a remembered token is refused once it expires by the gateway clock', async () => {
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  const token = await sign(clock, { lifetimeSeconds: 20 });
  await verify(token);
  clock.advance(19_000);
  await expect(verify(token)).resolves.toMatchObject({ userId: 'customer-1' });
  clock.advance(1_000);
  await expect(verify(token)).rejects.toMatchObject({ message: '登录已过期，请重新登录', extensions: { code: 'UNAUTHENTICATED' } });
});

test('forged or misaddressed tokens are refused every time, next to a remembered genuine one', async () => {
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  const genuine = await sign(clock);
  await verify(genuine);
  const forged = await sign(clock, { key: otherKey });
  const [header, payload] = genuine.split('.');
  const resigned = `${header}.${payload}.${forged.split('.')[2]}`;
  const wrongAudience = await sign(clock, { audience: 'someone-else' });
  for (const token of [forged, resigned, wrongAudience, forged, resigned]) {
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  }
});
