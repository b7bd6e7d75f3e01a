/**
 * The mini-program platform's one-time login code (`wx.login` / `my.getAuthCode`), which the auth center
 * exchanges server to server for the person's platform id. Inside the real mini-program the platform's
 * API answers; these H5 builds are stand-ins for the mini-program pages, so outside it they use the
 * auth center's sandbox codes (`wx_sandbox_<person>.<nonce>`, `ali_sandbox_<person>.<nonce>`), with one
 * sandbox person per browser. Only a development platform accepts sandbox codes: in production the real
 * providers refuse them as invalid.
 */
export type MiniPlatform = 'WECHAT' | 'ALIPAY';

interface WechatApi {
  login(options: { success(result: { code: string }): void; fail(error: unknown): void }): void;
}
interface AlipayApi {
  getAuthCode(options: { scopes: string; success(result: { authCode: string }): void; fail(error: unknown): void }): void;
}

export interface MiniProgramBridge {
  platform: MiniPlatform;
  /** 微信 or 支付宝. */
  platformName: string;
  /** Whether codes come from the sandbox (the H5 stand-in outside the platform). */
  sandbox: boolean;
  code(): Promise<string>;
}

function sandboxPerson(platform: MiniPlatform): string {
  const key = `bank.h5.${platform.toLowerCase()}.sandboxPerson`;
  let person = window.localStorage.getItem(key);
  if (!person) {
    person = `h5-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
    window.localStorage.setItem(key, person);
  }
  return person;
}

export function miniProgramBridge(platform: MiniPlatform): MiniProgramBridge {
  const global = window as unknown as { wx?: Partial<WechatApi>; my?: Partial<AlipayApi> };
  const wechat = platform === 'WECHAT' && typeof global.wx?.login === 'function' ? (global.wx as WechatApi) : undefined;
  const alipay = platform === 'ALIPAY' && typeof global.my?.getAuthCode === 'function' ? (global.my as AlipayApi) : undefined;
  const platformName = platform === 'WECHAT' ? '微信' : '支付宝';
  return {
    platform,
    platformName,
    sandbox: !wechat && !alipay,
    code() {
      if (wechat) return new Promise((resolve, reject) => wechat.login({ success: (result) => resolve(result.code), fail: reject }));
      if (alipay)
        return new Promise((resolve, reject) =>
          alipay.getAuthCode({ scopes: 'auth_base', success: (result) => resolve(result.authCode), fail: reject }),
        );
      const nonce = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
      return Promise.resolve(`${platform === 'WECHAT' ? 'wx' : 'ali'}_sandbox_${sandboxPerson(platform)}.${nonce}`);
    },
  };
}
