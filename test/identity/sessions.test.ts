import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { RunningGateway, startGateway } from '../../gateway/server';
import type { CenterName } from '../../platform/centers';
import { startTestPlatform, TEST_DEVELOPMENT_FEATURES, TestPlatform } from '../support/platform';
import { codeOf, LOGIN, LoginData, REFRESH } from './helpers';

/** Refresh rotation and reuse detection, the web cookie, logout, mySessions, revokeSession and revocation across gateways. */
let platform: TestPlatform;
let second: RunningGateway;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform();
  // A second gateway process-equivalent: its own revocation store client, same centers.
  second = await startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock: platform.clock,
    development: TEST_DEVELOPMENT_FEATURES,
    subgraphUrl: (center) => platform.centers[center as CenterName]!.url,
  });
});
afterAll(async () => {
  await second.stop();
  await platform.stop();
});

const login = async (mobile: string, channel = 'MOBILE_APP') => {
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.mobile === mobile)!;
  const { headers, deviceProof } = await platform.demoDeviceProof(mobile, channel);
  const { body } = await platform.query<LoginData>(LOGIN, {
    channel,
    headers,
    variables: { input: { mobile, password: 'Demo@2026', device: { deviceId: customer.deviceId }, deviceProof } },
  });
  return body.data!.login;
};

async function viaSecondGateway(token: string) {
  const response = await fetch(second.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { name } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: { me?: { name: string } } } };
}

test('a refresh token is rotated on use; reusing the old one ends the whole session', async () => {
  const first = await login(zhang!.mobile);
  expect(first.refreshToken).toMatch(/^rt_/);
  const refreshed = await platform.query<{ refreshSession: LoginData['login'] }>(REFRESH, {
    variables: { refreshToken: first.refreshToken },
  });
  const next = refreshed.body.data!.refreshSession;
  expect(next.sessionId).toBe(first.sessionId);
  expect(next.refreshToken).not.toBe(first.refreshToken);
  expect((await platform.query('{ me { name } }', { token: next.accessToken })).body.data).toBeTruthy();

  // Someone replays the rotated token: the session ends, for the thief and the customer alike.
  const replay = await platform.query(REFRESH, { variables: { refreshToken: first.refreshToken } });
  expect(codeOf(replay.body)).toBe('UNAUTHENTICATED');
  expect(codeOf((await platform.query(REFRESH, { variables: { refreshToken: next.refreshToken } })).body)).toBe('UNAUTHENTICATED');
  expect((await platform.query('{ me { name } }', { token: next.accessToken })).status).toBe(401);
});

test('a refresh token works only on its own channel', async () => {
  const session = await login(li!.mobile, 'WECHAT_MINI');
  const { body } = await platform.query(REFRESH, { channel: 'ALIPAY_MINI', variables: { refreshToken: session.refreshToken } });
  expect(codeOf(body)).toBe('CHANNEL_MISMATCH');
});

test('web banking keeps the refresh token in an httpOnly SameSite=Strict cookie', async () => {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB', ...(await platform.demoDeviceProof(zhang!.mobile, 'WEB')).headers },
    body: JSON.stringify({
      query: LOGIN,
      variables: { input: { mobile: zhang!.mobile, password: 'Demo@2026', device: { deviceId: zhang!.deviceId } } },
    }),
  });
  const body = (await response.json()) as { data: LoginData };
  expect(body.data.login.refreshToken).toBeNull();
  const cookie = response.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^bank_refresh=rt_[\w-]+; /);
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  expect(cookie).toContain('Path=/graphql');

  const refresh = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'WEB', cookie: cookie.split(';')[0]! },
    body: JSON.stringify({ query: REFRESH }),
  });
  const refreshed = (await refresh.json()) as { data: { refreshSession: LoginData['login'] } };
  expect(refreshed.data.refreshSession.accessToken).toBeTruthy();
  expect(refreshed.data.refreshSession.refreshToken).toBeNull();
  expect(refresh.headers.get('set-cookie')).not.toBe(cookie);
});

test('a session revoked through one gateway is refused by another on its next request', async () => {
  const session = await login(zhang!.mobile);
  expect((await viaSecondGateway(session.accessToken)).body.data?.me?.name).toBe(zhang!.name);
  const logout = await platform.query<{ logout: boolean }>('mutation Logout { logout }', { token: session.accessToken });
  expect(logout.body.data?.logout).toBe(true);
  const after = await viaSecondGateway(session.accessToken);
  expect(after.status).toBe(401);
  expect(after.body.data).toBeUndefined();
  expect(codeOf((await platform.query(REFRESH, { variables: { refreshToken: session.refreshToken } })).body)).toBe('UNAUTHENTICATED');
});

test('a customer lists sessions and ends one of them; another customer cannot', async () => {
  const web = await login(zhang!.mobile, 'WEB');
  const mobile = await login(zhang!.mobile, 'MOBILE_APP');
  const list = await platform.query<{ mySessions: { id: string; channel: string; current: boolean }[] }>(
    'query MySessions { mySessions { id channel current deviceId } }',
    { token: mobile.accessToken },
  );
  const sessions = list.body.data!.mySessions;
  expect(sessions.find((session) => session.id === mobile.sessionId)?.current).toBe(true);
  expect(sessions.find((session) => session.id === web.sessionId)).toMatchObject({ channel: 'WEB', current: false });

  const liToken = await platform.login(li!.mobile);
  const foreign = await platform.query('mutation($id: ID!) { revokeSession(id: $id) }', {
    token: liToken,
    variables: { id: web.sessionId },
  });
  expect(codeOf(foreign.body)).toBe('FORBIDDEN');

  const revoked = await platform.query('mutation($id: ID!) { revokeSession(id: $id) }', {
    token: mobile.accessToken,
    variables: { id: web.sessionId },
  });
  expect(revoked.body.data).toEqual({ revokeSession: true });
  expect((await platform.query('{ me { name } }', { token: web.accessToken, channel: 'WEB' })).status).toBe(401);
  expect((await platform.query('{ me { name } }', { token: mobile.accessToken })).body.data).toBeTruthy();
});
