/**
 * The production SMS path end to end on one machine: the real Tencent provider (TC3 signing, the
 * per-mobile limits, retries, error mapping) against the local SendSms stand-in, which verifies the
 * signature with its own copy of the key pair and records what it would have sent.
 */
import { createLogger } from '../../../platform/observability/logger';
import { DEFAULT_SEND_WINDOWS, InProcessSendLimiter } from '../service/sms/sendLimits';
import { TencentSmsProvider, TencentSmsSettings } from '../service/sms/tencent/sendSmsProvider';
import { codeMessage } from '../service/sms/templates';
import { startTencentSmsStandIn, TencentSmsStandIn } from '../../../scripts/smsStandIn/server';

const log = createLogger('tencent-sms-test');
const KEY = { secretId: 'AKIDstandintest0001', secretKey: 'stand-in-secret-key-0001' };
const TEMPLATES = { LOGIN_CODE: '2001', STEP_UP_CODE: '2002', REGISTRATION_CODE: '2003', REGISTERED_NOTICE: '2004' };
const MOBILE = '13800000001';

let standIn: TencentSmsStandIn;
beforeAll(async () => {
  standIn = await startTencentSmsStandIn({
    keys: { [KEY.secretId]: KEY.secretKey },
    sdkAppId: '1400000001',
    templateIds: Object.values(TEMPLATES),
  });
});
afterAll(() => standIn.close());

let at = Date.parse('2026-12-02T02:00:00.000Z');
/** Each test texts a mobile of its own, a minute after the last send, so the limits only bite where a test wants them to. */
let mobileSeq = 0;
const freshMobile = () => `1390000${String(++mobileSeq).padStart(4, '0')}`;
const nextMinute = () => new Date((at += 61_000));

function provider(overrides: Partial<TencentSmsSettings> = {}, limiter = new InProcessSendLimiter()) {
  return new TencentSmsProvider(
    {
      ...KEY,
      sdkAppId: '1400000001',
      signName: '测试农商银行',
      templates: TEMPLATES,
      region: 'ap-guangzhou',
      endpoint: standIn.url,
      timeoutMs: 500,
      ...overrides,
    },
    limiter,
    log,
  );
}

async function messagesOver(mobile: string) {
  const response = await fetch(`${standIn.url}/messages?mobile=${mobile}`);
  return ((await response.json()) as { messages: { templateId: string; params: string[]; code: string | null; signName: string }[] })
    .messages;
}

test('a login code goes through the real provider to the stand-in and is read back over HTTP', async () => {
  const sms = provider();
  await sms.send(MOBILE, codeMessage('NEW_DEVICE', '482915', '新设备登录', 5), nextMinute());
  const [message] = await messagesOver(MOBILE);
  expect(message).toMatchObject({ templateId: '2001', params: ['482915', '5'], code: '482915', signName: '测试农商银行' });
  await sms.close();
});

test('a step-up code uses the step-up template with the action first', async () => {
  const mobile = freshMobile();
  const sms = provider();
  await sms.send(mobile, codeMessage('TRANSFER', '100200', '向 张** (尾号1234) 转账 1,000.00 元', 5), nextMinute());
  expect((await messagesOver(mobile))[0]).toMatchObject({
    templateId: '2002',
    params: ['向 张** (尾号1234) 转账 1,000.00 元', '100200', '5'],
  });
  await sms.close();
});

test('a wrong secret key is refused by the stand-in: SMS_UNAVAILABLE, nothing sent, no retry', async () => {
  const mobile = freshMobile();
  const sms = provider({ secretKey: 'not-the-key' });
  const calls = standIn.calls;
  await expect(sms.send(mobile, codeMessage('NEW_DEVICE', '111111', '新设备登录', 5), nextMinute())).rejects.toMatchObject({
    extensions: { code: 'SMS_UNAVAILABLE' },
  });
  expect(standIn.calls - calls).toBe(1);
  expect(await messagesOver(mobile)).toEqual([]);
  await sms.close();
});

test('per-mobile limits refuse before the vendor is asked, with the code, the field and when to retry', async () => {
  const mobile = freshMobile();
  const sms = provider();
  const first = nextMinute();
  await sms.send(mobile, codeMessage('NEW_DEVICE', '222222', '新设备登录', 5), first);
  const calls = standIn.calls;
  const thirtySecondsLater = new Date(first.getTime() + 30_000);
  const message = { ...codeMessage('TRANSFER', '333333', '信任设备', 5), mobileField: ['input', 'payee', 'mobile'] };
  await expect(sms.send(mobile, message, thirtySecondsLater)).rejects.toMatchObject({
    extensions: { code: 'SMS_RATE_LIMITED', field: 'input.payee.mobile', retryAfter: new Date(first.getTime() + 60_000).toISOString() },
  });
  expect(standIn.calls).toBe(calls);
  expect(await messagesOver(mobile)).toHaveLength(1);
  await sms.close();
});

test('the hourly and daily windows: 5 an hour, 10 a day by default', async () => {
  const limiter = new InProcessSendLimiter(DEFAULT_SEND_WINDOWS);
  const start = Date.parse('2026-12-03T00:00:00.000Z');
  const minutes = (n: number) => start + n * 60_000;
  for (let i = 0; i < 5; i += 1) expect(await limiter.admit(MOBILE, minutes(i * 2))).toEqual({ admitted: true });
  // The sixth within the hour waits until the first leaves it.
  expect(await limiter.admit(MOBILE, minutes(10))).toEqual({
    admitted: false,
    retryAfterMs: 50 * 60_000,
    window: { seconds: 3600, max: 5 },
  });
  for (let i = 0; i < 5; i += 1) expect(await limiter.admit(MOBILE, minutes(61 + i * 2))).toEqual({ admitted: true });
  const refused = await limiter.admit(MOBILE, minutes(200));
  expect(refused).toMatchObject({ admitted: false, window: { seconds: 86_400, max: 10 } });
  expect(await limiter.admit(MOBILE, start + 86_400_000 + 1)).toEqual({ admitted: true });
  // Another mobile has its own count.
  expect(await limiter.admit('13800000002', minutes(200))).toEqual({ admitted: true });
});

test('a 5xx is retried once and the message is sent once', async () => {
  const mobile = freshMobile();
  const sms = provider();
  const calls = standIn.calls;
  standIn.failNext({ kind: 'http-status', status: 503 });
  await sms.send(mobile, codeMessage('NEW_DEVICE', '444444', '新设备登录', 5), nextMinute());
  expect(standIn.calls - calls).toBe(2);
  expect((await messagesOver(mobile)).map((message) => message.code)).toEqual(['444444']);
  await sms.close();
});

test('a lost answer is retried with the same code: the customer may get it twice, never two different codes', async () => {
  const mobile = freshMobile();
  const sms = provider();
  standIn.failNext({ kind: 'sent-no-answer' });
  await sms.send(mobile, codeMessage('NEW_DEVICE', '555555', '新设备登录', 5), nextMinute());
  expect((await messagesOver(mobile)).map((message) => message.code)).toEqual(['555555', '555555']);
  await sms.close();
});

test('two failures in a row: SMS_UNAVAILABLE after exactly two calls', async () => {
  const mobile = freshMobile();
  const sms = provider();
  const calls = standIn.calls;
  standIn.failNext({ kind: 'http-status', status: 502 }, { kind: 'http-status', status: 500 });
  await expect(sms.send(mobile, codeMessage('NEW_DEVICE', '666666', '新设备登录', 5), nextMinute())).rejects.toMatchObject({
    extensions: { code: 'SMS_UNAVAILABLE' },
  });
  expect(standIn.calls - calls).toBe(2);
  expect(await messagesOver(mobile)).toEqual([]);
  await sms.close();
});

test.each([
  [{ kind: 'number-status', code: 'LimitExceeded.PhoneNumberDailyLimit' } as const, 'SMS_RATE_LIMITED'],
  [{ kind: 'number-status', code: 'FailedOperation.PhoneNumberInBlacklist' } as const, 'SMS_UNDELIVERABLE'],
  [{ kind: 'error', code: 'FailedOperation.InsufficientBalanceInSmsPackage' } as const, 'SMS_UNAVAILABLE'],
  [{ kind: 'error', code: 'LimitExceeded.PhoneNumberOneHourLimit' } as const, 'SMS_RATE_LIMITED'],
])("the vendor's %o answers %s, without a retry", async (fault, code) => {
  const mobile = freshMobile();
  const sms = provider();
  const calls = standIn.calls;
  standIn.failNext(fault);
  await expect(sms.send(mobile, codeMessage('NEW_DEVICE', '777777', '新设备登录', 5), nextMinute())).rejects.toMatchObject({
    extensions: { code },
  });
  expect(standIn.calls - calls).toBe(1);
  await sms.close();
});

test('an unapproved template is refused by the stand-in', async () => {
  const sms = provider({ templates: { ...TEMPLATES, LOGIN_CODE: '9999' } });
  await expect(sms.send(freshMobile(), codeMessage('NEW_DEVICE', '888888', '新设备登录', 5), nextMinute())).rejects.toMatchObject({
    extensions: { code: 'SMS_UNAVAILABLE' },
  });
  await sms.close();
});
