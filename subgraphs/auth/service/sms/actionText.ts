/**
 * What a step-up SMS says the code approves: the action, the amount and the masked payee, e.g.
 * "向 张** (尾号1234) 转账 1,000.00 元". A customer talked into reading a code out loud can see it
 * is not for what the caller claimed. The amount and the account tail are the values the challenge
 * is bound to (its action hash); the payee's name is the one the client shows for that account.
 */
import { fenToDecimal, parseAmountToFen } from '../../../kit/money';
import type { ChallengeContext, ChallengePurposeName } from '../challengeTokens';

/** The one-time code's purposes that are not money movement. */
const ENROLMENT_TEXT: Partial<Record<ChallengePurposeName | 'NEW_DEVICE' | 'REGISTRATION' | 'PASSWORD_RESET', string>> = {
  NEW_DEVICE: '新设备登录',
  REGISTRATION: '注册手机银行',
  PASSWORD_RESET: '重置登录密码',
  SET_PIN: '设置交易密码',
  TRUST_DEVICE: '信任设备',
  REGISTER_DEVICE_KEY: '开通生物识别',
  REGISTER_PASSKEY: '开通通行密钥',
  BIND_MINI_PROGRAM: '绑定小程序账号',
  REVEAL_ACCOUNT_NUMBER: '查看完整账号',
  UNFREEZE_ACCOUNT: '解除账户挂失',
};

/** How a limit change names the channel it raises. */
const CHANNEL_NAMES: Record<string, string> = {
  WEB: '网上银行',
  MOBILE_APP: '手机银行',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
};

/** 1234567.8 → 1,234,567.80 */
export function formatYuan(amount: string): string {
  const [whole, fraction] = fenToDecimal(parseAmountToFen(amount, ['context', 'amount'])).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** 张晓明 → 张**: only the first character of a payee's name is shown, and nothing but a letter. */
export function maskPayeeName(name: string): string {
  const first = [...name.trim()][0];
  return first && /\p{L}/u.test(first) ? `${first}**` : '';
}

const tail = (value: string) => value.slice(-4);

/** The phrase after "您正在" for a code sent for `purpose`. */
export function describeAction(purpose: string, context?: ChallengeContext | null): string {
  const amount = context?.amount ? `${formatYuan(context.amount)} 元` : '';
  if (purpose === 'TRANSFER' && context?.payeeAccountNumber) {
    const name = context.payeeName ? maskPayeeName(context.payeeName) : '';
    const payee = name ? `${name} (尾号${tail(context.payeeAccountNumber)})` : `尾号${tail(context.payeeAccountNumber)} 账户`;
    return `向 ${payee} 转账 ${amount}`.trimEnd();
  }
  if (purpose === 'PURCHASE') return `支付购买订单${context?.orderId ? ` (尾号${tail(context.orderId)})` : ''} ${amount}`.trimEnd();
  if (purpose === 'BILL_PAYMENT') return `向 ${context?.payeeName?.trim() || '商户'} 付款 ${amount}`.trimEnd();
  if (purpose === 'LIMIT_CHANGE') {
    const period = context?.limitPeriod === 'SINGLE' ? '单笔' : '日累计';
    const channel = context?.limitChannel === 'ALL' ? '全部渠道' : (CHANNEL_NAMES[context?.limitChannel ?? ''] ?? '');
    return `将${channel}${period}转账限额提高至 ${amount}`.trimEnd();
  }
  return ENROLMENT_TEXT[purpose as ChallengePurposeName] ?? '进行身份验证';
}
