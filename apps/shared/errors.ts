/**
 * What a customer reads when an operation fails: a Chinese message chosen by the error's stable
 * `extensions.code`. The server's own message is shown only for input errors (it names the field);
 * masked internal errors never reach the screen as text.
 */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: '登录已过期，请重新登录',
  FORBIDDEN: '您无权进行此操作',
  INVALID_CREDENTIALS: '手机号或密码不正确',
  ACCOUNT_LOCKED: '账户已锁定，请稍后再试或联系客服',
  DEVICE_VERIFICATION_REQUIRED: '新设备登录，请输入短信验证码',
  INVALID_CODE: '验证码不正确',
  CODE_EXPIRED: '验证码已过期，请重新获取',
  RESEND_TOO_SOON: '验证码发送过于频繁，请稍后再试',
  SMS_RATE_LIMITED: '短信发送次数已达上限，请稍后再试',
  SMS_UNAVAILABLE: '短信服务暂不可用，请稍后再试',
  SMS_UNDELIVERABLE: '短信无法送达该手机号',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  STEP_UP_REQUIRED: '此操作需要进一步验证身份',
  CHALLENGE_FAILED: '身份验证未通过',
  CHALLENGE_INVALID: '验证已失效，请重新发起',
  INSUFFICIENT_FUNDS: '账户余额不足',
  LIMIT_EXCEEDED: '超出交易限额',
  BALANCE_CAP_EXCEEDED: '超出该类账户的余额上限',
  ACCOUNT_NOT_ACTIVE: '账户状态异常，暂不可交易',
  PAYEE_NAME_MISMATCH: '收款人户名与账号不符',
  PIN_LOCKED: '交易密码已锁定',
  PIN_NOT_SET: '请先设置交易密码',
  RISK_DENIED: '交易存在风险，已被拒绝',
  RISK_ASSESSMENT_EXPIRED: '风险测评已过期，请重新测评',
  SUITABILITY_MISMATCH: '您的风险承受能力与该产品不匹配',
  PRODUCT_NOT_ON_SALE: '该产品当前不在售',
  AGREEMENT_REQUIRED: '请先阅读并签署相关协议',
  ALREADY_REGISTERED: '该手机号已注册',
  ALREADY_VERIFIED: '您已完成实名认证',
  ID_NUMBER_TAKEN: '该证件号码已被使用',
  FACE_MISMATCH: '人脸比对未通过，请重新拍摄',
  CLASS_II_ALREADY_OPEN: '您已开立二类账户',
  CLASS_III_ALREADY_OPEN: '您已开立三类账户',
  BOUND_ACCOUNT_REJECTED: '绑定账户校验未通过',
  CARD_VERIFICATION_UNAVAILABLE: '暂不支持绑定他行卡',
  BILL_ALREADY_PAID: '该账单已缴清',
  COUPON_UNAVAILABLE: '优惠券不可用',
  CAMPAIGN_NOT_ELIGIBLE: '您暂不符合活动条件',
  INSUFFICIENT_POINTS: '积分不足',
  REWARD_OUT_OF_STOCK: '奖品已兑完',
  IDEMPOTENCY_CONFLICT: '请求重复，请刷新后重试',
  NOT_FOUND: '未找到相关信息',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  MINI_PROGRAM_NOT_BOUND: '尚未绑定本行账户，请先用手机号登录并绑定',
  IDENTITY_ALREADY_BOUND: '该账号已绑定其他客户',
  CHANNEL_MISMATCH: '登录状态与当前渠道不符，请重新登录',
  UPGRADE_REQUIRED: '当前版本过低，请升级后使用',
  PERSISTED_QUERY_NOT_FOUND: '当前版本已过期，请刷新页面',
  OPERATION_NOT_ALLOWED: '当前渠道不支持此操作',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后再试',
  SUBGRAPH_UNAVAILABLE: '服务暂不可用，请稍后再试',
  SUBGRAPH_TIMEOUT: '服务响应超时，请稍后再试',
  INTERNAL_SERVER_ERROR: '系统繁忙，请稍后再试',
  TOTP_CODE_REUSED: '动态口令已使用，请等待下一个',
};

export const GENERIC_ERROR = '系统繁忙，请稍后再试';
export const NETWORK_ERROR = '网络连接异常，请检查网络后重试';

/** The stable code of the first GraphQL error, if any. */
export function errorCodeOf(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The Chinese message for an operation's failure. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    if (code === 'BAD_USER_INPUT' && first?.message) return first.message;
    return (code && ERROR_MESSAGES[code]) ?? GENERIC_ERROR;
  }
  if (ServerError.is(error)) return GENERIC_ERROR;
  if (error instanceof TypeError) return NETWORK_ERROR;
  return GENERIC_ERROR;
}
