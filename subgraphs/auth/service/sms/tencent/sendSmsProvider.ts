/**
 * Tencent Cloud SMS `SendSms` (API 2021-01-11, POST JSON to sms.tencentcloudapi.com, TC3-HMAC-SHA256)
 * behind the SmsProvider interface: one approved template per message kind, the bank's sign name,
 * the per-mobile limits checked before the vendor is asked.
 *
 * A timeout, a connection failure or an HTTP 5xx is retried once, with the same code in the same
 * template, and the log says so: at worst the customer receives the same code twice, never two
 * different codes. Anything else, and a second failure, is an error for the caller (vendorErrors.ts);
 * the vendor's code, message and RequestId go to the log with the mobile masked.
 */
import { GraphQLError } from 'graphql';
import { maskMobile } from '../../../../kit/fieldCipher';
import type { Logger } from '../../../../../platform/observability/logger';
import { PooledHttpClient, pooledHttpClient } from '../../../../../platform/http/pooledHttp';
import type { SmsProvider } from '../provider';
import { SmsSendLimiter, smsRateLimited } from '../sendLimits';
import type { SmsMessage, SmsTemplateKind } from '../templates';
import { signTc3 } from './tc3Signature';
import { smsUnavailable, vendorError } from './vendorErrors';

export const SEND_SMS_VERSION = '2021-01-11';

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (短信控制台 → 应用管理). */
  sdkAppId: string;
  /** The approved sign name (短信签名), e.g. 某某农商银行. */
  signName: string;
  templates: Record<SmsTemplateKind, string>;
  region: string;
  /** `https://sms.tencentcloudapi.com` or a stand-in's address. */
  endpoint: string;
  /** Budget of one attempt, in ms. */
  timeoutMs: number;
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string; PhoneNumber?: string }[];
    RequestId?: string;
  };
}

const DEFAULT_FIELD = ['input', 'mobile'] as const;

/** E.164 as SendSms wants it: mainland 11-digit mobiles get +86, anything already international stays. */
export function e164(mobile: string): string {
  return /^1\d{10}$/.test(mobile) ? `+86${mobile}` : mobile;
}

export class TencentSmsProvider implements SmsProvider {
  readonly kind = 'tencent';
  private readonly http: PooledHttpClient;
  private readonly now: () => Date;

  constructor(
    private readonly settings: TencentSmsSettings,
    private readonly limiter: SmsSendLimiter,
    private readonly log: Logger,
    options: { http?: PooledHttpClient; now?: () => Date } = {},
  ) {
    this.http = options.http ?? pooledHttpClient({ connectionsPerOrigin: 4 });
    // The signature's timestamp must be the real time (the vendor refuses more than five minutes of skew), not the bank's clock.
    this.now = options.now ?? (() => new Date());
  }

  async send(mobile: string, message: SmsMessage, at: Date): Promise<void> {
    const field = message.mobileField ?? DEFAULT_FIELD;
    const admission = await this.limiter.admit(mobile, at.getTime());
    if (!admission.admitted) {
      this.log.info({ mobile: maskMobile(mobile), windowSeconds: admission.window.seconds }, 'sms refused: per-mobile limit');
      throw smsRateLimited(admission.retryAfterMs, at.getTime(), field);
    }
    const body = JSON.stringify({
      PhoneNumberSet: [e164(mobile)],
      SmsSdkAppId: this.settings.sdkAppId,
      SignName: this.settings.signName,
      TemplateId: this.settings.templates[message.kind],
      TemplateParamSet: message.params,
    });
    const answer = await this.post(body, mobile);
    const response = answer.Response ?? {};
    const status = response.SendStatusSet?.[0];
    const code = response.Error?.Code ?? (status?.Code === 'Ok' ? undefined : (status?.Code ?? 'MissingSendStatus'));
    if (code) {
      const detail = response.Error?.Message ?? status?.Message;
      this.log.error(
        { mobile: maskMobile(mobile), vendorCode: code, vendorMessage: detail, requestId: response.RequestId },
        'sms refused by Tencent SendSms',
      );
      throw vendorError(code, field);
    }
    this.log.info(
      { mobile: maskMobile(mobile), kind: message.kind, serialNo: status?.SerialNo, requestId: response.RequestId },
      'sms sent',
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.limiter.close()]);
  }

  /** One POST, and one more only after a timeout, a transport failure or a 5xx. */
  private async post(body: string, mobile: string): Promise<SendSmsAnswer> {
    for (let attempt = 1; ; attempt += 1) {
      let failure: string;
      try {
        const answer = await this.http.request(this.settings.endpoint, {
          method: 'POST',
          headers: this.headers(body),
          body,
          timeoutMs: this.settings.timeoutMs,
        });
        if (answer.status < 500) {
          try {
            return JSON.parse(answer.body.toString('utf8')) as SendSmsAnswer;
          } catch {
            this.log.error({ status: answer.status }, 'Tencent SendSms answered something other than JSON');
            throw smsUnavailable();
          }
        }
        failure = `HTTP ${answer.status}`;
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        failure = error instanceof Error ? error.message : String(error);
      }
      if (attempt > 1) {
        this.log.error({ mobile: maskMobile(mobile), failure }, 'Tencent SendSms failed twice; nothing more is sent');
        throw smsUnavailable();
      }
      this.log.warn({ mobile: maskMobile(mobile), failure }, 'Tencent SendSms failed; sending the same message once more');
    }
  }

  private headers(body: string): Record<string, string> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const signed = {
      'content-type': 'application/json; charset=utf-8',
      host: new URL(this.settings.endpoint).host,
      'x-tc-action': 'SendSms',
    };
    const { authorization } = signTc3(
      { signedHeaders: signed, body, timestamp, service: 'sms' },
      { secretId: this.settings.secretId, secretKey: this.settings.secretKey },
    );
    return {
      ...signed,
      authorization,
      'x-tc-version': SEND_SMS_VERSION,
      'x-tc-timestamp': String(timestamp),
      'x-tc-region': this.settings.region,
    };
  }
}
