/**
 * The real platform calls behind the production mini-program providers.
 * WeChat: GET https://api.weixin.qq.com/sns/jscode2session (appid, secret, js_code, grant_type).
 * Alipay: POST https://openapi.alipay.com/gateway.do, method alipay.system.oauth.token, signed RSA2
 * (SHA256withRSA over the sorted `key=value&…` parameters). The session key WeChat returns is
 * never stored or logged: the bank needs only the openid.
 */
import { createSign } from 'node:crypto';
import { shanghaiDateTime } from '../../../../platform/businessDay';
import { ErrorCode, bankError } from '../../../../platform/errors';
import type { MiniProgramIdentityProvider } from './providers';

export const invalidPlatformCode = () => bankError(ErrorCode.InvalidCode, '授权码无效或已过期，请重新授权');

const TIMEOUT_MS = 5_000;
const CODE = /^[\w.-]{1,128}$/;

export class WechatCode2SessionProvider implements MiniProgramIdentityProvider {
  readonly platform = 'WECHAT';
  readonly kind = 'production';
  constructor(private readonly options: { appId: string; appSecret: string; baseUrl?: string }) {}

  async resolveCode(code: string) {
    if (!CODE.test(code)) throw invalidPlatformCode();
    const url = new URL('/sns/jscode2session', this.options.baseUrl ?? 'https://api.weixin.qq.com');
    url.search = new URLSearchParams({
      appid: this.options.appId,
      secret: this.options.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`code2Session answered HTTP ${response.status}`);
    const body = (await response.json()) as { openid?: string; errcode?: number };
    // errcode 40029 (invalid code) and 40163 (code already used) are the customer's problem; others are ours.
    if (body.errcode === 40029 || body.errcode === 40163) throw invalidPlatformCode();
    if (body.errcode || !body.openid) throw new Error(`code2Session failed with errcode ${body.errcode ?? 'none'}`);
    return { subject: body.openid };
  }
}

export function alipaySigningString(parameters: Record<string, string>): string {
  return Object.keys(parameters)
    .filter((key) => key !== 'sign' && parameters[key] !== '')
    .sort()
    .map((key) => `${key}=${parameters[key]}`)
    .join('&');
}

export class AlipayOauthTokenProvider implements MiniProgramIdentityProvider {
  readonly platform = 'ALIPAY';
  readonly kind = 'production';
  constructor(private readonly options: { appId: string; privateKeyPem: string; baseUrl?: string; now?: () => Date }) {}

  async resolveCode(code: string) {
    if (!CODE.test(code)) throw invalidPlatformCode();
    const parameters: Record<string, string> = {
      app_id: this.options.appId,
      method: 'alipay.system.oauth.token',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: shanghaiDateTime(this.options.now?.() ?? new Date()),
      version: '1.0',
      grant_type: 'authorization_code',
      code,
    };
    parameters.sign = createSign('RSA-SHA256').update(alipaySigningString(parameters)).sign(this.options.privateKeyPem, 'base64');
    const response = await fetch(new URL('/gateway.do', this.options.baseUrl ?? 'https://openapi.alipay.com'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(parameters).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`alipay.system.oauth.token answered HTTP ${response.status}`);
    const body = (await response.json()) as {
      alipay_system_oauth_token_response?: { user_id?: string; open_id?: string };
      error_response?: { code?: string; sub_code?: string };
    };
    const result = body.alipay_system_oauth_token_response;
    const subject = result?.user_id ?? result?.open_id;
    if (subject) return { subject };
    if (body.error_response?.sub_code === 'isv.code-invalid') throw invalidPlatformCode();
    throw new Error(`alipay.system.oauth.token failed: ${body.error_response?.sub_code ?? body.error_response?.code ?? 'no user id'}`);
  }
}
