import { generateKeyPair, SignJWT } from 'jose';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../../platform/identity/identity';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** Bad input at the front door: each gets a stable code, and nothing leaks. */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

test('malformed GraphQL', async () => {
  const { status, body } = await platform.query('{ me { name ');
  expect(status).toBe(400);
  expect(codeOf(body)).toBe('GRAPHQL_PARSE_FAILED');
});

test('an unknown field', async () => {
  const token = await platform.login(zhang!.mobile);
  const { status, body } = await platform.query('{ me { name passwordHash } }', { token });
  expect(status).toBe(400);
  expect(codeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('an unknown channel', async () => {
  const { status, body } = await platform.query('{ me { name } }', { channel: 'TELEGRAM' });
  expect(status).toBe(400);
  expect(codeOf(body)).toBe('UNKNOWN_CHANNEL');
});

test('no channel header counts as WEB in development', async () => {
  const token = await platform.login(zhang!.mobile, 'WEB');
  const { body } = await platform.query<{ me: { name: string } }>('{ me { name } }', { token, channel: null });
  expect(body.data?.me.name).toBe(zhang!.name);
});

test('customer data without a token', async () => {
  const { status, body } = await platform.query('{ me { name } }');
  expect(status).toBe(200);
  expect(codeOf(body)).toBe('UNAUTHENTICATED');
  expect(body.data).toEqual({ me: null });
});

test('a token signed by anyone but the auth center', async () => {
  const { privateKey } = await generateKeyPair('ES256');
  const forged = await new SignJWT({ chn: 'MOBILE_APP', sid: 's', acr: 2 })
    .setProtectedHeader({ alg: 'ES256', kid: 'attacker' })
    .setIssuer('bank-auth')
    .setAudience('bank-gateway')
    .setSubject(li!.id)
    .setExpirationTime('10m')
    .sign(privateKey);
  const { status, body } = await platform.query('{ me { name } }', { token: forged });
  expect(status).toBe(401);
  expect(codeOf(body)).toBe('UNAUTHENTICATED');
});

test('a malformed Authorization header', async () => {
  const { status, body } = await platform.query('{ me { name } }', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
  expect(status).toBe(401);
  expect(codeOf(body)).toBe('UNAUTHENTICATED');
});

test('an expired token', async () => {
  const token = await platform.login(zhang!.mobile);
  platform.clock.advance(16 * 60_000);
  try {
    const { status, body } = await platform.query('{ me { name } }', { token });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toBe('登录已过期，请重新登录');
  } finally {
    platform.clock.advance(-16 * 60_000);
  }
});

test('a token used on another channel', async () => {
  const token = await platform.login(zhang!.mobile, 'WECHAT_MINI');
  const { status, body } = await platform.query('{ me { name } }', { token, channel: 'WEB' });
  expect(status).toBe(403);
  expect(codeOf(body)).toBe('CHANNEL_MISMATCH');
});

test('a client-sent internal identity header is stripped, not trusted', async () => {
  const forgedIdentity = await signGatewayIdentity(
    { channel: 'MOBILE_APP', userId: li!.id, authLevel: 2 },
    { audience: 'user', clock: platform.clock },
  );
  const { body } = await platform.query('{ me { name } }', {
    headers: { [INTERNAL_IDENTITY_HEADER]: forgedIdentity, 'x-user-id': li!.id },
  });
  expect(codeOf(body)).toBe('UNAUTHENTICATED');
  expect(JSON.stringify(body)).not.toContain(li!.name);
});

describe('login', () => {
  const login = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';

  test('an unknown mobile and a wrong password answer the same error', async () => {
    const unknown = await platform.query(login, {
      variables: { input: { mobile: '13900000000', password: 'Demo@2026', device: { deviceId: 'probe-device' } } },
    });
    const wrong = await platform.query(login, {
      variables: { input: { mobile: zhang!.mobile, password: 'Demo@2027', device: { deviceId: 'probe-device' } } },
    });
    expect(codeOf(unknown.body)).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
    expect(codeOf(wrong.body)).toBe('INVALID_CREDENTIALS');
  });

  test('a malformed mobile names the field', async () => {
    const { body } = await platform.query(login, { variables: { input: { mobile: "1' OR 1=1 --", password: 'x' } } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mobile' });
  });

  test('issues an ES256 token bound to the channel and device', async () => {
    const token = await platform.login(zhang!.mobile, 'ALIPAY_MINI');
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    expect(payload).toMatchObject({ sub: zhang!.id, chn: 'ALIPAY_MINI', dev: zhang!.deviceId, acr: 1, iss: 'bank-auth' });
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(15 * 60);
  });
});

test('a too-large body is refused before parsing', async () => {
  const { status } = await platform.query(`{ me { name } } # ${'x'.repeat(1_100_000)}`);
  expect(status).toBe(413);
});

describe('in production', () => {
  let production: TestPlatform;
  beforeAll(async () => {
    production = await startTestPlatform({ centers: ['auth', 'user'], production: true });
  });
  afterAll(() => production.stop());

  test('a request without a channel is refused', async () => {
    const { status, body } = await production.query('{ me { name } }', { channel: null });
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('UNKNOWN_CHANNEL');
  });

  test('errors carry no stack trace', async () => {
    const responses = await Promise.all([
      production.query('{ me { name } }'),
      production.query('{ me { nope } }'),
      production.query('mutation { login(input: { mobile: "1", password: "x" }) { accessToken } }'),
    ]);
    for (const { body } of responses) {
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at [\w.]+ \(|\.ts:\d+/);
    }
  });

  test('introspection is off', async () => {
    const { body } = await production.query('{ __schema { types { name } } }');
    expect(codeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
