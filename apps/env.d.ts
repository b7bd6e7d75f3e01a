/** Set by scripts/build-apps.ts for each build (Vite `define`). */
declare const __BANK_CHANNEL__: 'WEB' | 'MOBILE_APP' | 'WECHAT_MINI' | 'WECHAT_BANKING' | 'ALIPAY_MINI' | 'OPS';
declare const __BANK_APP_VERSION__: string;
