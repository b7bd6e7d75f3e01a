/** Small pieces several H5 screens share. */
import type { ReactNode } from 'react';
import { Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';

export const ACCOUNT_CLASS_NAMES: Record<string, string> = { I: 'I 类账户', II: 'II 类账户', III: 'III 类账户' };
export const ACCOUNT_STATUS_NAMES: Record<string, string> = { ACTIVE: '正常', FROZEN: '冻结', DORMANT: '久悬', CLOSED: '已销户' };
export const PERIOD_NAMES: Record<string, string> = { SINGLE: '单笔', DAILY: '日累计', MONTHLY: '月累计', YEARLY: '年累计' };
export const CHANNEL_NAMES: Record<string, string> = {
  WEB: '网上银行',
  MOBILE_APP: '手机银行',
  WECHAT_BANKING: '微信银行',
  WECHAT_MINI: '微信小程序',
  ALIPAY_MINI: '支付宝小程序',
  ALL: '全部渠道',
};

/** Loading, failure or the content. */
export function Loaded({ loading, error, children }: { loading: boolean; error?: unknown; children: () => ReactNode }) {
  if (error) return <Notice>{errorMessage(error)}</Notice>;
  if (loading) return <p role="status">正在加载…</p>;
  return <>{children()}</>;
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export const accountLabel = (account: { accountClass: string; maskedNumber: string; availableBalance: { amount: string } }) =>
  `${ACCOUNT_CLASS_NAMES[account.accountClass] ?? account.accountClass} ${account.maskedNumber}（可用 ${formatMoney(account.availableBalance.amount, '¥')}）`;

/** A failure of our own (a picked file) or of an operation, as the customer reads it. */
export const problem = (failure: unknown) => (failure instanceof Error && !('errors' in failure) ? failure.message : errorMessage(failure));
