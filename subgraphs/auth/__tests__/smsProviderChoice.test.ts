/**
 * Which SMS provider the auth center starts with: production without a vendor does not start, a
 * half-configured vendor does not start (naming what is missing), the outbox only when the outbox
 * feature is on, and a test-mode center without either refuses every send.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentFeatures } from '../../../platform/config';
import { createLogger } from '../../../platform/observability/logger';
import type { PrismaClient } from '../__generated__/prisma/client';
import { createSmsProvider } from '../service/sms/provider';
import { tencentSmsSettings } from '../service/sms/settings';
import { codeMessage } from '../service/sms/templates';

const log = createLogger('sms-provider-choice-test');
const prisma = {} as PrismaClient;
const TENCENT = {
  SMS_PROVIDER: 'tencent',
  TENCENT_SMS_SECRET_ID: 'AKIDchoice',
  TENCENT_SMS_SECRET_KEY: 'choice-secret',
  TENCENT_SMS_SDK_APP_ID: '1400000001',
  SMS_SIGN_NAME: '测试农商银行',
  SMS_TEMPLATE_LOGIN_CODE: '1',
  SMS_TEMPLATE_STEP_UP_CODE: '2',
  SMS_TEMPLATE_REGISTRATION_CODE: '3',
  SMS_TEMPLATE_REGISTERED_NOTICE: '4',
};
const choose = (env: NodeJS.ProcessEnv, outbox: boolean) =>
  createSmsProvider({ prisma, log, development: { ...developmentFeatures(false), smsOutbox: outbox }, namespace: 'choice', env });

test('production without SMS_PROVIDER does not start', () => {
  expect(() => choose({ NODE_ENV: 'production' }, false)).toThrow(/no SMS provider: set SMS_PROVIDER=tencent/);
  expect(() => choose({}, false)).toThrow(/no SMS provider/);
});

test('a half-configured vendor does not start, in any mode, and names every missing setting', () => {
  const { SMS_SIGN_NAME: _sign, SMS_TEMPLATE_STEP_UP_CODE: _template, TENCENT_SMS_SECRET_KEY: _key, ...partial } = TENCENT;
  for (const NODE_ENV of ['production', 'development']) {
    expect(() => choose({ ...partial, NODE_ENV }, NODE_ENV === 'development')).toThrow(
      'SMS_PROVIDER=tencent needs TENCENT_SMS_SECRET_KEY, SMS_SIGN_NAME, SMS_TEMPLATE_STEP_UP_CODE',
    );
  }
});

test('the configured vendor is used, in production and even where the outbox is on', async () => {
  for (const [NODE_ENV, outbox] of [
    ['production', false],
    ['development', true],
  ] as const) {
    const sms = choose({ ...TENCENT, NODE_ENV }, outbox);
    expect(sms.kind).toBe('tencent');
    await sms.close();
  }
});

test('the outbox only with the outbox feature; under test without either, every send is refused', async () => {
  expect(choose({ NODE_ENV: 'development' }, true).kind).toBe('development-outbox');
  const refusing = choose({ NODE_ENV: 'test' }, false);
  expect(refusing.kind).toBe('unconfigured');
  await expect(refusing.send('13800000001', codeMessage('NEW_DEVICE', '123456', '新设备登录', 5), new Date())).rejects.toMatchObject({
    extensions: { code: 'SMS_UNAVAILABLE' },
  });
});

test('secrets can come from mounted files (<NAME>_FILE)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'sms-secret-'));
  writeFileSync(join(directory, 'key'), 'from-a-file\n');
  const { TENCENT_SMS_SECRET_KEY: _key, ...withoutKey } = TENCENT;
  expect(tencentSmsSettings({ ...withoutKey, NODE_ENV: 'production', TENCENT_SMS_SECRET_KEY_FILE: join(directory, 'key') }).secretKey).toBe(
    'from-a-file',
  );
});
