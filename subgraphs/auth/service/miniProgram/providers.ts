/**
 * Mini-program identity providers: a one-time code from the mini-program (`wx.login`,
 * `my.getAuthCode`) is exchanged, server to server, for the platform's stable id of the person
 * (WeChat openid via `code2Session`, Alipay user id via `alipay.system.oauth.token`).
 *
 * Development and tests use the sandbox providers, which map codes deterministically and never
 * leave the machine. Production uses the real platform APIs once the mini-program's credentials
 * are configured, and refuses (loudly, in the log) until then — never a sandbox in disguise.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, bankError } from '../../../../platform/errors';
import type { Logger } from '../../../../platform/observability/logger';
import { AlipayOauthTokenProvider, invalidPlatformCode, WechatCode2SessionProvider } from './platformApis';

export type MiniProgramPlatform = 'WECHAT' | 'ALIPAY';

export interface MiniProgramIdentityProvider {
  readonly platform: MiniProgramPlatform;
  readonly kind: 'sandbox' | 'production' | 'unconfigured';
  /** The platform's id of the person behind a one-time code; throws INVALID_CODE for a bad code. */
  resolveCode(code: string): Promise<{ subject: string }>;
}

/**
 * Sandbox WeChat: a code `wx_sandbox_<person>[.<anything>]` stands for the WeChat user `<person>`
 * and always yields the same openid (a fresh suffix per login, as real codes are single-use).
 */
export class SandboxWechatProvider implements MiniProgramIdentityProvider {
  readonly platform = 'WECHAT';
  readonly kind = 'sandbox';
  async resolveCode(code: string) {
    const person = /^wx_sandbox_([A-Za-z0-9-]{1,40})(\.[\w-]{0,40})?$/.exec(code)?.[1];
    if (!person) throw invalidPlatformCode();
    return { subject: `o${createHash('sha256').update(`wechat-sandbox:${person}`).digest('base64url').slice(0, 27)}` };
  }
}

/** Sandbox Alipay: `ali_sandbox_<person>[.<anything>]` → a 16-digit user id starting 2088, like Alipay's. */
export class SandboxAlipayProvider implements MiniProgramIdentityProvider {
  readonly platform = 'ALIPAY';
  readonly kind = 'sandbox';
  async resolveCode(code: string) {
    const person = /^ali_sandbox_([A-Za-z0-9-]{1,40})(\.[\w-]{0,40})?$/.exec(code)?.[1];
    if (!person) throw invalidPlatformCode();
    const digits = BigInt(`0x${createHash('sha256').update(`alipay-sandbox:${person}`).digest('hex').slice(0, 15)}`) % 1_000_000_000_000n;
    return { subject: `2088${digits.toString().padStart(12, '0')}` };
  }
}

/** Production without the platform's credentials: every code is refused and the log says why. */
export class UnconfiguredMiniProgramProvider implements MiniProgramIdentityProvider {
  readonly kind = 'unconfigured';
  constructor(
    readonly platform: MiniProgramPlatform,
    private readonly log: Logger,
    private readonly missing: string,
  ) {}
  async resolveCode(): Promise<{ subject: string }> {
    this.log.error({ platform: this.platform }, `mini-program sign-in refused: ${this.missing} not configured`);
    throw bankError(ErrorCode.Forbidden, '小程序登录暂未开通');
  }
}

export type MiniProgramProviders = Record<MiniProgramPlatform, MiniProgramIdentityProvider>;

/**
 * Production: WECHAT_MINI_APP_ID + WECHAT_MINI_APP_SECRET, ALIPAY_MINI_APP_ID + ALIPAY_MINI_PRIVATE_KEY
 * (PKCS#8 PEM, RSA2). Elsewhere: the sandboxes.
 */
export function createMiniProgramProviders(production: boolean, log: Logger, env: NodeJS.ProcessEnv = process.env): MiniProgramProviders {
  if (!production) return { WECHAT: new SandboxWechatProvider(), ALIPAY: new SandboxAlipayProvider() };
  return {
    WECHAT:
      env.WECHAT_MINI_APP_ID && env.WECHAT_MINI_APP_SECRET
        ? new WechatCode2SessionProvider({
            appId: env.WECHAT_MINI_APP_ID,
            appSecret: env.WECHAT_MINI_APP_SECRET,
            baseUrl: env.WECHAT_API_BASE_URL,
          })
        : new UnconfiguredMiniProgramProvider('WECHAT', log, 'WECHAT_MINI_APP_ID / WECHAT_MINI_APP_SECRET'),
    ALIPAY:
      env.ALIPAY_MINI_APP_ID && env.ALIPAY_MINI_PRIVATE_KEY
        ? new AlipayOauthTokenProvider({
            appId: env.ALIPAY_MINI_APP_ID,
            privateKeyPem: env.ALIPAY_MINI_PRIVATE_KEY,
            baseUrl: env.ALIPAY_API_BASE_URL,
          })
        : new UnconfiguredMiniProgramProvider('ALIPAY', log, 'ALIPAY_MINI_APP_ID / ALIPAY_MINI_PRIVATE_KEY'),
  };
}

export function platformOfChannel(channel: string): MiniProgramPlatform | undefined {
  return channel === 'WECHAT_MINI' ? 'WECHAT' : channel === 'ALIPAY_MINI' ? 'ALIPAY' : undefined;
}
