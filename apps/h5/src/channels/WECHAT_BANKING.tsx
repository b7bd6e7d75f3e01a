/** WECHAT_BANKING (the official account's H5): password, SMS on a new browser, then the gateway's device cookie proves it. */
import type { H5Channel } from '../channel';
import { AFTER_PRODUCTS, BEFORE_PRODUCTS } from '../features';
import { LoansPage } from '../features/Loans';
import { TimeDepositsPage } from '../features/TimeDeposits';
import { PasswordSignInScreen } from '../signIn/PasswordSignInScreen';

export const channel: H5Channel = {
  name: '微信银行',
  summary: '微信银行：本浏览器验证一次后免短信登录；可办理理财、定期存款、贷款与信用卡申请，转账限额低于手机银行。',
  devicePlatform: 'WECHAT_BROWSER',
  signIn: () => <PasswordSignInScreen smsHint="验证通过后，本浏览器将被记住，下次登录无需验证码" />,
  features: [
    ...BEFORE_PRODUCTS,
    { path: '/deposits', title: '定期存款', nav: '定期存款', element: <TimeDepositsPage /> },
    { path: '/loans', title: '我的贷款', nav: '贷款', element: <LoansPage /> },
    ...AFTER_PRODUCTS,
  ],
};
