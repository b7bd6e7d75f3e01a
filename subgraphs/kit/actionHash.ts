import { createHash } from 'node:crypto';

/**
 * What a step-up challenge is bound to: a hash of the action's data. For a transfer that is the
 * amount in fen, the source account and the payee's account number, so a challenge token passed for
 * one transfer is refused for any other amount, source or payee. Both the center that starts the
 * challenge and the one that consumes the token compute it the same way, here.
 */
export function transferActionHash(action: { amountFen: bigint; sourceAccountId: string; payeeAccountNumber: string }): string {
  return createHash('sha256')
    .update(['TRANSFER', action.amountFen.toString(), action.sourceAccountId, action.payeeAccountNumber].join('|'))
    .digest('hex');
}

/**
 * Raising a limit is bound to what is raised: the channel (or ALL, every channel), the period and
 * the new amount in fen. A token passed for one limit change is refused for any other.
 */
export function limitChangeActionHash(action: { channel: string; period: string; amountFen: bigint }): string {
  return createHash('sha256').update(['LIMIT_CHANGE', action.channel, action.period, action.amountFen.toString()].join('|')).digest('hex');
}

/**
 * An account self-service step-up (seeing the account's full number, lifting the owner's loss report) is bound to
 * what is done and to the account: a token passed for one account, or for the other action, is refused.
 */
export function accountActionHash(action: { purpose: 'REVEAL_ACCOUNT_NUMBER' | 'UNFREEZE_ACCOUNT'; accountId: string }): string {
  return createHash('sha256').update([action.purpose, action.accountId].join('|')).digest('hex');
}

/**
 * A purchase (wealth subscription, time-deposit opening) is bound to its order, the amount the
 * customer pays in fen and the paying account: a token passed for one order is refused for any
 * other order or amount.
 */
export function purchaseActionHash(action: { orderId: string; amountFen: bigint; sourceAccountId: string }): string {
  return createHash('sha256')
    .update(['PURCHASE', action.orderId, action.amountFen.toString(), action.sourceAccountId].join('|'))
    .digest('hex');
}

/**
 * A payment another center asks finance for (a bill payment, a mobile top-up, a loan repayment:
 * purpose BILL_PAYMENT) is bound to its order, the amount in fen, the paying account and the payee as
 * the order names it (the biller, the carrier, the loan): a token passed for one is refused for any other.
 */
export function paymentActionHash(action: { orderId: string; amountFen: bigint; sourceAccountId: string; payee: string }): string {
  return createHash('sha256')
    .update(['BILL_PAYMENT', action.orderId, action.amountFen.toString(), action.sourceAccountId, action.payee].join('|'))
    .digest('hex');
}
