import { apiSchemaOf } from '../../gateway/supergraph/apiSchema';
import { withoutDevelopmentFields } from '../../gateway/supergraph/developmentFields';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode, LOGIN, LoginData, loginOnNewDevice, VERIFY_NEW_DEVICE } from './helpers';

/** New-device SMS verification, SMS code rules, one mobile-app session per customer, device management. */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const startNewDeviceLogin = async (mobile: string, deviceId: string) => {
  const { body } = await platform.query<LoginData>(LOGIN, {
    variables: { input: { mobile, password: 'Demo@2026', device: { deviceId, platform: 'IOS' } } },
  });
  expect(codeOf(body)).toBe('DEVICE_VERIFICATION_REQUIRED');
  expect(body.data).toBeNull();
  return body.errors![0]!.extensions!.pendingLoginId as string;
};

test('a new device gets no session until the SMS code is checked; then the old phone is signed out', async () => {
  const oldPhone = await platform.login(zhang!.mobile);
  const session = await loginOnNewDevice(platform, zhang!.mobile, 'new-phone-1');
  expect((await platform.query('{ me { name } }', { token: session.accessToken })).body.data).toBeTruthy();
  // One active mobile-app session per customer: the demo phone's session ended.
  expect((await platform.query('{ me { name } }', { token: oldPhone })).status).toBe(401);
  const devices = await platform.query<{ me: { devices: { deviceId: string; trusted: boolean }[] } }>(
    '{ me { devices { deviceId trusted } } }',
    {
      token: session.accessToken,
    },
  );
  expect(devices.body.data!.me.devices).toEqual(expect.arrayContaining([{ deviceId: 'new-phone-1', trusted: false }]));
});

test('an SMS code allows 5 attempts', async () => {
  const pendingLoginId = await startNewDeviceLogin(li!.mobile, 'guessing-phone');
  const code = await latestSmsCode(platform, li!.mobile);
  const wrong = code === '000000' ? '111111' : '000000';
  const codes = [];
  for (let index = 0; index < 5; index += 1) {
    codes.push(codeOf((await platform.query(VERIFY_NEW_DEVICE, { variables: { pendingLoginId, code: wrong } })).body));
  }
  expect(codes).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE']);
  // The right code after five wrong ones is too late.
  expect(codeOf((await platform.query(VERIFY_NEW_DEVICE, { variables: { pendingLoginId, code } })).body)).toBe('TOO_MANY_ATTEMPTS');
});

test('an SMS code expires after 5 minutes', async () => {
  platform.clock.advance(2 * 60 * 1000);
  const pendingLoginId = await startNewDeviceLogin(li!.mobile, 'slow-phone');
  const code = await latestSmsCode(platform, li!.mobile);
  platform.clock.advance(5 * 60 * 1000 + 1);
  expect(codeOf((await platform.query(VERIFY_NEW_DEVICE, { variables: { pendingLoginId, code } })).body)).toBe('CODE_EXPIRED');
});

test('a code is resent at most once a minute, and the resent code works', async () => {
  platform.clock.advance(2 * 60 * 1000);
  const pendingLoginId = await startNewDeviceLogin(li!.mobile, 'resend-phone');
  const resend = 'mutation($id: ID!) { resendNewDeviceCode(pendingLoginId: $id) }';
  expect(codeOf((await platform.query(resend, { variables: { id: pendingLoginId } })).body)).toBe('RESEND_TOO_SOON');
  platform.clock.advance(61 * 1000);
  expect((await platform.query(resend, { variables: { id: pendingLoginId } })).body.data).toEqual({ resendNewDeviceCode: true });
  const code = await latestSmsCode(platform, li!.mobile);
  const { body } = await platform.query<{ verifyNewDevice: { accessToken: string } }>(VERIFY_NEW_DEVICE, {
    variables: { pendingLoginId, code },
  });
  expect(body.data?.verifyNewDevice.accessToken).toBeTruthy();
});

test('devices are named and removed; removing one ends its sessions; another customer cannot touch them', async () => {
  platform.clock.advance(2 * 60 * 1000);
  const session = await loginOnNewDevice(platform, li!.mobile, 'li-tablet', 'WEB');
  const token = session.accessToken;
  const devices = await platform.query<{ me: { devices: { id: string; deviceId: string }[] } }>('{ me { devices { id deviceId } } }', {
    token,
    channel: 'WEB',
  });
  const tablet = devices.body.data!.me.devices.find((device) => device.deviceId === 'li-tablet')!;

  const zhangToken = await platform.login(zhang!.mobile, 'WEB');
  const foreign = await platform.query('mutation($id: ID!) { removeDevice(id: $id) }', {
    token: zhangToken,
    channel: 'WEB',
    variables: { id: tablet.id },
  });
  expect(codeOf(foreign.body)).toBe('NOT_FOUND');

  const renamed = await platform.query<{ renameDevice: { name: string } }>(
    'mutation($id: ID!) { renameDevice(id: $id, name: "客厅平板") { name } }',
    {
      token,
      channel: 'WEB',
      variables: { id: tablet.id },
    },
  );
  expect(renamed.body.data?.renameDevice.name).toBe('客厅平板');
  const removed = await platform.query('mutation($id: ID!) { removeDevice(id: $id) }', {
    token,
    channel: 'WEB',
    variables: { id: tablet.id },
  });
  expect(removed.body.data).toEqual({ removeDevice: true });
  expect((await platform.query('{ me { name } }', { token, channel: 'WEB' })).status).toBe(401);
});

test('the development SMS outbox is not part of the production API', () => {
  const supergraph = readSupergraph();
  expect(apiSchemaOf(supergraph).getQueryType()!.getFields().developmentSmsOutbox).toBeDefined();
  expect(apiSchemaOf(withoutDevelopmentFields(supergraph)).getQueryType()!.getFields().developmentSmsOutbox).toBeUndefined();
});

describe('in production', () => {
  let production: TestPlatform;
  beforeAll(async () => {
    production = await startTestPlatform({ centers: ['auth', 'user'], production: true });
  });
  afterAll(() => production.stop());

  test('asking for the development SMS outbox gets no data', async () => {
    const { body } = await production.query('query Outbox { developmentSmsOutbox(mobile: "13800000001") { text } }');
    expect(body.data ?? null).toBeNull();
    expect(['GRAPHQL_VALIDATION_FAILED', 'OPERATION_NOT_ALLOWED']).toContain(codeOf(body));
  });
});
