/**
 * The gateway's copy of the auth center's JWKS follows the key set by the gateway's clock: a key
 * published after the first fetch is picked up (its first token triggers a fetch, and every cache
 * period refreshes anyway), a withdrawn key stops verifying within one cache period, and tokens
 * naming unknown `kid`s cause at most one fetch per cooldown.
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { createAccessTokenVerifier } from '../../gateway/identity/accessTokens';
import { KEY_SET_MAX_AGE_MS, UNKNOWN_KID_COOLDOWN_MS } from '../../gateway/identity/authKeySet';
import { ManualClock } from '../../platform/clock';

let server: Server;
let jwksUrl: string;
let published: JWK[] = [];
let fetches = 0;
const privateKeys = new Map<string, CryptoKey>();

async function newKey(kid: string): Promise<JWK> {
  const pair = await generateKeyPair('ES256');
  privateKeys.set(kid, pair.privateKey);
  return { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
}

beforeAll(async () => {
  server = createServer((_request, response) => {
    fetches++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sign(clock: ManualClock, kid: string, subject = 'customer-1') {
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({ chn: 'MOBILE_APP', sid: 'session-1', acr: 1 })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(subject)
    .setIssuer('bank-auth')
    .setAudience('bank-gateway')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 900)
    .sign(privateKeys.get(kid) ?? privateKeys.values().next().value!);
}

test('a key published after the first fetch verifies its first token', async () => {
  published = [await newKey('a1')];
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  await expect(verify(await sign(clock, 'a1'))).resolves.toMatchObject({ userId: 'customer-1' });

  published = [await newKey('a2'), ...published];
  clock.advance(UNKNOWN_KID_COOLDOWN_MS);
  await expect(verify(await sign(clock, 'a2'))).resolves.toMatchObject({ userId: 'customer-1' });
});

test('a key withdrawn from the JWKS stops verifying within one cache period', async () => {
  published = [await newKey('b1'), await newKey('b2')];
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  await expect(verify(await sign(clock, 'b1'))).resolves.toMatchObject({ userId: 'customer-1' });

  published = published.filter((key) => key.kid !== 'b1');
  clock.advance(KEY_SET_MAX_AGE_MS);
  // A token the gateway has never seen, so nothing is answered from its verified-token memory.
  await expect(verify(await sign(clock, 'b1', 'customer-2'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  await expect(verify(await sign(clock, 'b2'))).resolves.toMatchObject({ userId: 'customer-1' });
});

test('unknown kids fetch the key set at most once per cooldown', async () => {
  published = [await newKey('c1')];
  const clock = new ManualClock();
  const verify = createAccessTokenVerifier(jwksUrl, clock);
  await verify(await sign(clock, 'c1'));
  const before = fetches;
  for (let attempt = 0; attempt < 10; attempt++) {
    await expect(verify(await sign(clock, `forged-${attempt}`, `customer-${attempt}`))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  expect(fetches - before).toBeLessThanOrEqual(1);
  clock.advance(UNKNOWN_KID_COOLDOWN_MS);
  await expect(verify(await sign(clock, 'forged-late'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  expect(fetches - before).toBeLessThanOrEqual(2);
});
