/** WECHAT_MINI (an H5 stand-in for the mini-program pages): one-tap sign-in with wx.login once the identity is bound. */
import type { H5Channel } from '../channel';
import { AFTER_PRODUCTS, BEFORE_PRODUCTS } from '../features';
import { BindMiniProgramPage } from '../features/BindMiniProgram';
import { LoansPage } from '../features/Loans';
import { miniProgramBridge } from '../miniProgram';
import { MiniProgramSignIn } from '../signIn/MiniProgramSignIn';

export const channel: H5Channel = {
  name: '微信小程序',
  summary: '微信小程序：微信一键登录；转账限额较低；可办理理财与贷款，暂不支持定期存款和信用卡申请。',
  devicePlatform: 'WECHAT',
  miniProgram: miniProgramBridge('WECHAT'),
  signIn: MiniProgramSignIn,
  features: [
    ...BEFORE_PRODUCTS,
    { path: '/loans', title: '我的贷款', nav: '贷款', element: <LoansPage /> },
    ...AFTER_PRODUCTS,
    { path: '/bind', title: '绑定微信账号', nav: '绑定微信', element: <BindMiniProgramPage /> },
  ],
};
