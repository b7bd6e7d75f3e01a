/** Chinese names for what the console shows: channels, risk rules and outcomes, product kinds, audit actions. */
import type { Channel, ProductKind, RiskOutcome } from '@documents';

export const CHANNELS: readonly Channel[] = ['WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI', 'OPS'];

export const CHANNEL_NAMES: Readonly<Record<Channel, string>> = {
  WEB: '网上银行',
  MOBILE_APP: '手机银行',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
  OPS: '运营平台',
};

/** The five customer channels (activity is counted on these). */
export const CUSTOMER_CHANNELS = CHANNELS.filter((channel) => channel !== 'OPS');

export const channelName = (channel: string) => CHANNEL_NAMES[channel as Channel] ?? channel;

export const OUTCOME_NAMES: Readonly<Record<RiskOutcome, string>> = { ALLOW: '放行', CHALLENGE: '加强验证', DENY: '拒绝' };

export const RULE_NAMES: Readonly<Record<string, string>> = {
  LARGE_AMOUNT: '大额交易',
  NEW_PAYEE: '新收款人',
  UNTRUSTED_DEVICE: '非信任设备',
  AMOUNT_ABOVE_HISTORY: '金额远超历史均值',
  VELOCITY: '交易频次过高',
  VELOCITY_EXTREME: '交易频次异常',
  NIGHT_HOURS: '夜间交易',
  MINI_PROGRAM_AMOUNT: '小程序大额交易',
  CHANGED_ADDRESS: '登录地址变化',
};

/** A rule's Chinese name with its code; null (no rule fired) reads 未触发规则. */
export const ruleName = (rule: string | null | undefined) => (rule ? `${RULE_NAMES[rule] ?? rule}（${rule}）` : '未触发规则');

export const PARAMETER_NAMES: Readonly<Record<string, string>> = {
  minimumAmountFen: '起点金额（分）',
  multiple: '倍数',
  minimumHistory: '最少历史笔数',
  maximumPerHour: '每小时上限（笔）',
  fromHour: '开始时刻（时）',
  toHour: '结束时刻（时）',
  channels: '适用渠道',
};

export const KIND_NAMES: Readonly<Record<ProductKind, string>> = {
  WEALTH: '理财',
  TIME_DEPOSIT: '定期存款',
  LOAN: '贷款',
  CREDIT_CARD: '信用卡',
};

export const ACTION_NAMES: Readonly<Record<string, string>> = {
  TRANSFER: '转账',
  PURCHASE: '购买',
  BILL_PAYMENT: '缴费',
  LOGIN: '登录',
  TOP_UP: '充值',
  LOAN_REPAYMENT: '还款',
};

/** The audit log's actions (the auth center records exactly these). */
export const AUDIT_ACTION_NAMES: Readonly<Record<string, string>> = {
  login: '客户登录',
  'login-locked': '登录锁定',
  'device-verification': '新设备验证',
  'device-added': '新增设备',
  'device-removed': '移除设备',
  'device-trusted': '信任设备',
  'session-revoked': '会话注销',
  'refresh-reuse': '刷新令牌重用',
  'pin-set': '设置交易密码',
  'pin-locked': '交易密码锁定',
  challenge: '加强验证',
  'staff-login': '员工登录',
  'risk-rule-changed': '风险规则变更',
  'signing-key-rotation': '签名密钥轮换',
  'device-key-registered': '注册设备密钥',
  'passkey-registered': '注册通行密钥',
  'passkey-removed': '移除通行密钥',
  'mini-program-bound': '绑定小程序',
  'registration-started': '开始注册',
  registration: '完成注册',
  'password-change': '修改登录密码',
  'password-reset': '重置登录密码',
  'pin-change': '修改交易密码',
};
