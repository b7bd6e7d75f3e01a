/**
 * The SMS provider's configuration (platform/configSchema.ts): `SMS_PROVIDER=tencent` and its
 * settings, the per-mobile limits. Secrets come from `<NAME>` or from the file `<NAME>_FILE` names
 * (a mounted secret), like the platform's other secrets.
 */
import { readFileSync } from 'node:fs';
import { config } from '../../../../platform/config';
import { DEFAULT_SEND_WINDOWS, SendWindow } from './sendLimits';
import type { TencentSmsSettings } from './tencent/sendSmsProvider';

type Env = NodeJS.ProcessEnv;

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';

function secret(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value) return value;
  const file = env[`${name}_FILE`]?.trim();
  return file ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export class SmsConfigurationError extends Error {}

/** Tencent's settings, or an error naming every missing variable. */
export function tencentSmsSettings(env: Env = process.env): TencentSmsSettings {
  const settings = config(env).settings;
  const values = {
    TENCENT_SMS_SECRET_ID: secret(env, 'TENCENT_SMS_SECRET_ID'),
    TENCENT_SMS_SECRET_KEY: secret(env, 'TENCENT_SMS_SECRET_KEY'),
    TENCENT_SMS_SDK_APP_ID: settings.TENCENT_SMS_SDK_APP_ID,
    SMS_SIGN_NAME: settings.SMS_SIGN_NAME,
    SMS_TEMPLATE_LOGIN_CODE: settings.SMS_TEMPLATE_LOGIN_CODE,
    SMS_TEMPLATE_STEP_UP_CODE: settings.SMS_TEMPLATE_STEP_UP_CODE,
    SMS_TEMPLATE_REGISTRATION_CODE: settings.SMS_TEMPLATE_REGISTRATION_CODE,
    SMS_TEMPLATE_REGISTERED_NOTICE: settings.SMS_TEMPLATE_REGISTERED_NOTICE,
  };
  const missing = Object.entries(values)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) throw new SmsConfigurationError(`SMS_PROVIDER=tencent needs ${missing.join(', ')}`);
  return {
    secretId: values.TENCENT_SMS_SECRET_ID!,
    secretKey: values.TENCENT_SMS_SECRET_KEY!,
    sdkAppId: values.TENCENT_SMS_SDK_APP_ID!,
    signName: values.SMS_SIGN_NAME!,
    templates: {
      LOGIN_CODE: values.SMS_TEMPLATE_LOGIN_CODE!,
      STEP_UP_CODE: values.SMS_TEMPLATE_STEP_UP_CODE!,
      REGISTRATION_CODE: values.SMS_TEMPLATE_REGISTRATION_CODE!,
      REGISTERED_NOTICE: values.SMS_TEMPLATE_REGISTERED_NOTICE!,
    },
    region: settings.TENCENT_SMS_REGION ?? 'ap-guangzhou',
    endpoint: settings.TENCENT_SMS_ENDPOINT ?? TENCENT_SMS_ENDPOINT,
    timeoutMs: settings.SMS_TIMEOUT_MS ?? 5000,
  };
}

/** The per-mobile windows: SMS_LIMIT_PER_MINUTE, _PER_HOUR, _PER_DAY over the defaults (1, 5, 10). */
export function smsSendWindows(env: Env = process.env): SendWindow[] {
  const settings = config(env).settings;
  const [minute, hour, day] = DEFAULT_SEND_WINDOWS;
  return [
    { seconds: minute!.seconds, max: settings.SMS_LIMIT_PER_MINUTE ?? minute!.max },
    { seconds: hour!.seconds, max: settings.SMS_LIMIT_PER_HOUR ?? hour!.max },
    { seconds: day!.seconds, max: settings.SMS_LIMIT_PER_DAY ?? day!.max },
  ];
}
