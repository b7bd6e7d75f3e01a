/**
 * Access-token signing keys rotate (every ACCESS_TOKEN_KEY_ROTATION_DAYS, default 30, and when an
 * ADMIN asks), the next key is in the JWKS before it signs, tokens signed before a rotation keep
 * working until they expire, and a superseded key leaves the JWKS once its last token has expired —
 * after which a token it signs is refused. Time moves on the manual clock; the auth center's
 * `signing-keys` worker is driven by hand, as the timers would.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { KEY_SET_MAX_AGE_MS } from '../../gateway/identity/authKeySet';
import { generateSync } from 'otplib';
import { NEXT_KEY_LEAD_MS, rotationPeriodMs, WITHDRAWAL_DELAY_MS } from '../../subgraphs/auth/service/keyRing';
import { AccessTokenSigner, maintainSigningKeys, requestRotation } from '../../subgraphs/auth/service/signingKeys';
import { demoOperatorTotpSecret } from '../../subgraphs/auth/service/staff';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf } from './helpers';

const DAY = 24 * 3600_000;
const SESSIONS = '{ mySessions { id } }';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const keyRing = () => platform.store('auth').signingKey.findMany({ orderBy: { generation: 'asc' } });
const maintain = () => platform.centers.auth!.workers['signing-keys']!.runOnce();

async function publishedKids(): Promise<string[]> {
  const response = await fetch(new URL('/.well-known/jwks.json', platform.centers.auth!.url));
  const body = (await response.json()) as { keys: { kid: string }[] };
  return body.keys.map((key) => key.kid).sort();
}

/** Whether the gateway accepts the token (a customer query that needs a signed-in caller). */
async function accepted(token: string): Promise<boolean> {
  const { status, body } = await platform.query(SESSIONS, { token });
  if (status === 200 && !body.errors) return true;
  expect(codeOf(body)).toBe('UNAUTHENTICATED');
  return false;
}

async function staffToken(): Promise<string> {
  // A fresh TOTP time step, so no code is ever presented twice.
  const now = platform.clock.now().getTime();
  platform.clock.set(new Date((Math.floor(now / 30_000) + 1) * 30_000 + 1_000));
  const totpCode = generateSync({ secret: demoOperatorTotpSecret(), epoch: Math.floor(platform.clock.now().getTime() / 1000) });
  const { body } = await platform.query<{ staffLogin: { accessToken: string } }>(
    'mutation($i: StaffLoginInput!) { staffLogin(input: $i) { accessToken } }',
    { channel: 'OPS', variables: { i: { username: 'ops', password: 'Demo@2026', totpCode } } },
  );
  if (!body.data?.staffLogin) throw new Error(`staff login failed: ${JSON.stringify(body.errors)}`);
  return body.data.staffLogin.accessToken;
}

/** A token with a real session's claims, signed by the key that signs now, valid for three hours. */
async function outliving(token: string): Promise<string> {
  const { sub, sid, chn, dev, acr } = decodeJwt(token);
  const signer = new AccessTokenSigner(platform.store('auth'));
  return signer.sign({ sub: sub!, sid, chn, dev, acr }, platform.clock.now(), 3 * 3600);
}

const ROTATE = 'mutation { rotateAccessTokenKey { kid generation publishedAt activatesAt } }';

test('the scheduled rotation: published ahead, old tokens live out their time, then the old key is withdrawn', async () => {
  const [first] = await keyRing();
  if (!first) throw new Error('no signing key');
  expect(await publishedKids()).toEqual([first.kid]);
  const due = first.activatesAt.getTime() + 30 * DAY;

  // Before the successor's publication time nothing happens.
  platform.clock.set(new Date(due - NEXT_KEY_LEAD_MS - 60_000));
  await maintain();
  expect(await keyRing()).toHaveLength(1);

  // One lead before the rotation the successor is in the JWKS, but the old key still signs.
  platform.clock.set(new Date(due - NEXT_KEY_LEAD_MS));
  expect(await maintain()).toBe(1);
  const [, second] = await keyRing();
  if (!second) throw new Error('no successor published');
  expect(second.activatesAt.getTime()).toBe(due);
  expect(await publishedKids()).toEqual([first.kid, second.kid].sort());
  const before = await platform.login('13800000001');
  expect(kidOf(before)).toBe(first.kid);
  expect(await accepted(before)).toBe(true);
  // The same session's claims signed for three hours: a token that would outlive its key's withdrawal.
  const outlivingFirst = await outliving(before);
  expect(kidOf(outlivingFirst)).toBe(first.kid);

  // Past the rotation: new tokens carry the new key and the gateway verifies them; the token
  // signed before the rotation still works until it expires.
  platform.clock.set(new Date(due + 1_000));
  const after = await platform.login('13800000002');
  expect(kidOf(after)).toBe(second.kid);
  expect(await accepted(after)).toBe(true);
  const outlivingSecond = await outliving(after);
  expect(await accepted(before)).toBe(true);
  platform.clock.set(new Date(due - NEXT_KEY_LEAD_MS + 15 * 60_000 + 1_000));
  expect(await accepted(before)).toBe(false); // expired

  // The old key stays published until its last token has expired…
  platform.clock.set(new Date(due + WITHDRAWAL_DELAY_MS - 1_000));
  expect(await maintain()).toBe(0);
  expect(await publishedKids()).toContain(first.kid);
  expect(await accepted(outlivingFirst)).toBe(true);

  // …then leaves the JWKS and its private half is erased: within a cache period every gateway
  // refuses a token it signed that is somehow still unexpired, and accepts the same claims under
  // the current key.
  platform.clock.set(new Date(due + WITHDRAWAL_DELAY_MS + 1_000));
  expect(await publishedKids()).toEqual([second.kid]);
  expect(await maintain()).toBe(1);
  const withdrawn = await platform.store('auth').signingKey.findUniqueOrThrow({ where: { kid: first.kid } });
  expect(withdrawn).toMatchObject({ status: 'RETIRED', privateJwk: null });
  // Gateways hold the JWKS for at most one cache period.
  platform.clock.advance(KEY_SET_MAX_AGE_MS);
  expect(await accepted(outlivingFirst)).toBe(false);
  expect(await accepted(outlivingSecond)).toBe(true);
  expect(await accepted(await platform.login('13800000001'))).toBe(true);
});

test('an ADMIN rotates on demand: the new key is published at once and signs one lead later', async () => {
  const customer = await platform.login('13800000001');
  const refused = await platform.query(ROTATE, { token: customer });
  expect(codeOf(refused.body)).toBe('FORBIDDEN');

  const staff = await staffToken();
  const signingBefore = kidOf(await platform.login('13800000001'));
  const { body } = await platform.query<{ rotateAccessTokenKey: { kid: string; activatesAt: string } }>(ROTATE, {
    token: staff,
    channel: 'OPS',
  });
  expect(body.errors).toBeUndefined();
  const rotation = body.data!.rotateAccessTokenKey;
  expect(new Date(rotation.activatesAt).getTime()).toBe(platform.clock.now().getTime() + NEXT_KEY_LEAD_MS);
  expect(await publishedKids()).toContain(rotation.kid);

  // Asking again while it waits answers the same rotation; nothing is signed with it early.
  const again = await platform.query<{ rotateAccessTokenKey: { kid: string } }>(ROTATE, { token: staff, channel: 'OPS' });
  expect(again.body.data!.rotateAccessTokenKey.kid).toBe(rotation.kid);
  platform.clock.advance(NEXT_KEY_LEAD_MS - 1_000);
  const stillOld = await platform.login('13800000001');
  expect(kidOf(stillOld)).toBe(signingBefore);

  platform.clock.advance(2_000);
  const rotated = await platform.login('13800000001');
  expect(kidOf(rotated)).toBe(rotation.kid);
  expect(await accepted(rotated)).toBe(true);
  expect(await accepted(stillOld)).toBe(true);
  const audit = await platform.store('auth').auditEvent.findFirst({ where: { action: 'signing-key-rotation' } });
  expect(audit).not.toBeNull();
});

test('replicas agree: concurrent rotations write one key, and every signer switches at its time', async () => {
  const prisma = platform.store('auth');
  const newest = (await keyRing()).at(-1)!;
  platform.clock.set(new Date(newest.activatesAt.getTime() + 1_000));
  const before = (await keyRing()).length;

  const rotations = await Promise.all([1, 2, 3, 4].map(() => requestRotation(prisma, platform.clock)));
  expect(new Set(rotations.map((rotation) => rotation.kid)).size).toBe(1);
  const [rotation] = rotations as [(typeof rotations)[number]];
  expect(await keyRing()).toHaveLength(before + 1);

  // Two replicas' signers, each with its own copy of the key ring.
  const replicas = [new AccessTokenSigner(prisma), new AccessTokenSigner(prisma)];
  const sign = () => Promise.all(replicas.map(async (signer) => kidOf(await signer.sign({ sub: 'c' }, platform.clock.now(), 60))));
  expect(await sign()).toEqual([newest.kid, newest.kid]);
  platform.clock.set(new Date(rotation.activatesAt.getTime()));
  expect(await sign()).toEqual([rotation.kid, rotation.kid]);

  // Concurrent maintenance passes at the next scheduled rotation publish one successor.
  platform.clock.set(new Date(rotation.activatesAt.getTime() + 30 * DAY - NEXT_KEY_LEAD_MS));
  const passes = await Promise.all([1, 2, 3, 4].map(() => maintainSigningKeys(prisma, platform.clock)));
  expect(await keyRing()).toHaveLength(before + 2);
  expect(passes.reduce((sum, written) => sum + written, 0)).toBeGreaterThanOrEqual(1);
});

test('ACCESS_TOKEN_KEY_ROTATION_DAYS sets the period', async () => {
  expect(rotationPeriodMs({})).toBe(30 * DAY);
  expect(rotationPeriodMs({ ACCESS_TOKEN_KEY_ROTATION_DAYS: '7' })).toBe(7 * DAY);
  expect(() => rotationPeriodMs({ ACCESS_TOKEN_KEY_ROTATION_DAYS: '0.5' })).toThrow(/ACCESS_TOKEN_KEY_ROTATION_DAYS/);
  const prisma = platform.store('auth');
  const newest = (await keyRing()).at(-1)!;
  const count = (await keyRing()).length;
  platform.clock.set(new Date(newest.activatesAt.getTime() + 7 * DAY - NEXT_KEY_LEAD_MS));
  await maintainSigningKeys(prisma, platform.clock, 8 * DAY);
  expect(await keyRing()).toHaveLength(count);
  await maintainSigningKeys(prisma, platform.clock, 7 * DAY);
  expect(await keyRing()).toHaveLength(count + 1);
});
