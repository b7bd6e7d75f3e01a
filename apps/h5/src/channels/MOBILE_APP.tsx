/** MOBILE_APP as a web view inside the bank's app: password sign-in, SMS every time (the web view holds no device key). */
import type { H5Channel } from '../channel';
import { AFTER_PRODUCTS, BEFORE_PRODUCTS } from '../features';
import { LoansPage } from '../features/Loans';
import { TimeDepositsPage } from '../features/TimeDeposits';
import { PasswordSignInScreen } from '../signIn/PasswordSignInScreen';

export const channel: H5Channel = {
  name: '手机银行',
  summary: '手机银行 App 内页面：转账限额最高，可办理理财、定期存款、贷款与信用卡申请。指纹或面容登录请使用 App 原生页面。',
  devicePlatform: 'H5_WEBVIEW',
  signIn: () => (
    <PasswordSignInScreen
      note="App 内页面不持有设备密钥，每次登录均需短信验证。"
      smsHint="App 内页面无法证明设备身份，每次登录都会发送验证码"
    />
  ),
  features: [
    ...BEFORE_PRODUCTS,
    { path: '/deposits', title: '定期存款', nav: '定期存款', element: <TimeDepositsPage /> },
    { path: '/loans', title: '我的贷款', nav: '贷款', element: <LoansPage /> },
    ...AFTER_PRODUCTS,
  ],
};
