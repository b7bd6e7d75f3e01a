/**
 * What a step-up challenge is bound to and the single-use token it yields once passed: the hash of
 * the action's data (kit/actionHash.ts for money), issuing the token and consuming it. The
 * challenges themselves (which methods, the proofs) are in challenges.ts; the auth center's own
 * step-up actions (device keys, passkeys, mini-program binding) need only this half.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accountActionHash, limitChangeActionHash, paymentActionHash, purchaseActionHash, transferActionHash } from '../../kit/actionHash';
import { parseAmountToFen } from '../../kit/money';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import type { Challenge } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import type { SessionDeps } from './sessions';

export const TOKEN_LIFETIME_MS = 5 * 60 * 1000;

export type ChallengePurposeName =
  | 'TRANSFER'
  | 'PURCHASE'
  | 'BILL_PAYMENT'
  | 'SET_PIN'
  | 'TRUST_DEVICE'
  | 'REGISTER_DEVICE_KEY'
  | 'REGISTER_PASSKEY'
  | 'BIND_MINI_PROGRAM'
  | 'LIMIT_CHANGE'
  | 'REVEAL_ACCOUNT_NUMBER'
  | 'UNFREEZE_ACCOUNT';

export interface ChallengeContext {
  amount?: string | null;
  sourceAccountId?: string | null;
  payeeAccountNumber?: string | null;
  /**
   * TRANSFER: the payee's name as the client shows it; only the SMS uses it (masked), it binds nothing.
   * BILL_PAYMENT: the payee the order names (its challenge's `payee`); binds.
   */
  payeeName?: string | null;
  /** PURCHASE, BILL_PAYMENT: the challenged order (a wealth subscription, a time-deposit opening; a bill payment, top-up or loan repayment). */
  orderId?: string | null;
  /** LIMIT_CHANGE: the channel whose limit is raised, or ALL. */
  limitChannel?: string | null;
  /** LIMIT_CHANGE: SINGLE or DAILY. */
  limitPeriod?: string | null;
  /** REVEAL_ACCOUNT_NUMBER, UNFREEZE_ACCOUNT: the customer's account the action is for. */
  accountId?: string | null;
}

/**
 * What the challenge is bound to. A transfer must name all of amount, source and payee; a purchase its order, amount and source;
 * a payment (bill, top-up, loan repayment) its order, amount, source and payee.
 */
export function actionHashFor(purpose: ChallengePurposeName, context: ChallengeContext | null | undefined): string {
  if (purpose === 'TRANSFER') {
    if (!context?.amount) throw badInput('转账验证需要金额', ['context', 'amount']);
    if (!context.sourceAccountId) throw badInput('转账验证需要付款账户', ['context', 'sourceAccountId']);
    if (!context.payeeAccountNumber) throw badInput('转账验证需要收款账号', ['context', 'payeeAccountNumber']);
    const amountFen = parseAmountToFen(context.amount, ['context', 'amount']);
    return transferActionHash({ amountFen, sourceAccountId: context.sourceAccountId, payeeAccountNumber: context.payeeAccountNumber });
  }
  if (purpose === 'PURCHASE') {
    if (!context?.orderId) throw badInput('购买验证需要订单编号', ['context', 'orderId']);
    if (!context.amount) throw badInput('购买验证需要金额', ['context', 'amount']);
    if (!context.sourceAccountId) throw badInput('购买验证需要付款账户', ['context', 'sourceAccountId']);
    const amountFen = parseAmountToFen(context.amount, ['context', 'amount']);
    return purchaseActionHash({ orderId: context.orderId, amountFen, sourceAccountId: context.sourceAccountId });
  }
  if (purpose === 'BILL_PAYMENT') {
    if (!context?.orderId) throw badInput('缴费验证需要订单编号', ['context', 'orderId']);
    if (!context.amount) throw badInput('缴费验证需要金额', ['context', 'amount']);
    if (!context.sourceAccountId) throw badInput('缴费验证需要付款账户', ['context', 'sourceAccountId']);
    if (!context.payeeName) throw badInput('缴费验证需要收款方', ['context', 'payeeName']);
    const amountFen = parseAmountToFen(context.amount, ['context', 'amount']);
    return paymentActionHash({ orderId: context.orderId, amountFen, sourceAccountId: context.sourceAccountId, payee: context.payeeName });
  }
  if (purpose === 'LIMIT_CHANGE') {
    if (!context?.limitChannel || !/^(ALL|WEB|MOBILE_APP|WECHAT_MINI|WECHAT_BANKING|ALIPAY_MINI)$/.test(context.limitChannel))
      throw badInput('调整限额验证需要渠道', ['context', 'limitChannel']);
    if (context.limitPeriod !== 'SINGLE' && context.limitPeriod !== 'DAILY')
      throw badInput('调整限额验证需要限额类型', ['context', 'limitPeriod']);
    if (!context.amount) throw badInput('调整限额验证需要金额', ['context', 'amount']);
    const amountFen = parseAmountToFen(context.amount, ['context', 'amount'], { allowZero: true });
    return limitChangeActionHash({ channel: context.limitChannel, period: context.limitPeriod, amountFen });
  }
  if (purpose === 'REVEAL_ACCOUNT_NUMBER' || purpose === 'UNFREEZE_ACCOUNT') {
    if (!context?.accountId) throw badInput('该验证需要账户', ['context', 'accountId']);
    return accountActionHash({ purpose, accountId: context.accountId });
  }
  const canonical = JSON.stringify([
    purpose,
    context?.amount ?? null,
    context?.sourceAccountId ?? null,
    context?.payeeAccountNumber ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Marks a challenge passed and returns its single-use token (also used by the biometric and passkey proofs). */
export async function issueChallengeToken(deps: SessionDeps, challenge: Challenge): Promise<{ token: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const token = `ct_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  const passed = await deps.prisma.challenge.updateMany({
    where: { id: challenge.id, status: 'PENDING' },
    data: { status: 'VERIFIED', tokenHash: hashToken(token), tokenExpiresAt: expiresAt },
  });
  if (passed.count === 0) throw bankError(ErrorCode.ChallengeInvalid, '验证已失效，请重新发起');
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'challenge',
    outcome: 'success',
    userId: challenge.userId,
    details: { purpose: challenge.purpose, method: challenge.method },
  });
  return { token, expiresAt };
}

/** True exactly once per token, and only for its customer, purpose and action hash. */
export async function consumeChallengeToken(
  deps: Pick<SessionDeps, 'prisma' | 'clock'>,
  userId: string,
  token: string,
  purpose: string,
  actionHash: string,
): Promise<boolean> {
  if (!token.startsWith('ct_') || token.length > 100) return false;
  const { count } = await deps.prisma.challenge.updateMany({
    where: { tokenHash: hashToken(token), userId, purpose, actionHash, consumedAt: null, tokenExpiresAt: { gt: deps.clock.now() } },
    data: { consumedAt: deps.clock.now(), status: 'CONSUMED' },
  });
  return count === 1;
}

/** For the auth center's own step-up actions (set PIN, trust a device): refuses unless the token is consumed. */
export async function requireChallengeToken(
  deps: SessionDeps,
  userId: string,
  token: string,
  purpose: ChallengePurposeName,
): Promise<void> {
  if (!(await consumeChallengeToken(deps, userId, token, purpose, actionHashFor(purpose, null)))) {
    throw bankError(ErrorCode.ChallengeInvalid, '安全验证未通过或已失效，请重新验证');
  }
}
