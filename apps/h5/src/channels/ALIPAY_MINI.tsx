/** ALIPAY_MINI (an H5 stand-in for the mini-program pages): one-tap sign-in with my.getAuthCode once the identity is bound. */
import type { H5Channel } from '../channel';
import { AFTER_PRODUCTS, BEFORE_PRODUCTS } from '../features';
import { BindMiniProgramPage } from '../features/BindMiniProgram';
import { miniProgramBridge } from '../miniProgram';
import { MiniProgramSignIn } from '../signIn/MiniProgramSignIn';

export const channel: H5Channel = {
  name: '支付宝小程序',
  summary: '支付宝小程序：支付宝一键登录；转账限额较低；可购买本渠道在售理财，暂不支持定期存款、贷款和信用卡申请。',
  devicePlatform: 'ALIPAY',
  miniProgram: miniProgramBridge('ALIPAY'),
  signIn: MiniProgramSignIn,
  features: [
    ...BEFORE_PRODUCTS,
    ...AFTER_PRODUCTS,
    { path: '/bind', title: '绑定支付宝账号', nav: '绑定支付宝', element: <BindMiniProgramPage /> },
  ],
};
