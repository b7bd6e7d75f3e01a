/**
 * What another center pays for a customer, and where the money goes:
 * - BILL_PAYMENT, TOP_UP: a merchant (route MERCHANT, credited to MERCHANT_SETTLEMENT until the
 *   bank settles with the merchant);
 * - LOAN_REPAYMENT: the bank's own loan book (route LOAN): the principal back to LOAN_PRINCIPAL,
 *   the interest to INTEREST_INCOME. The split is the limits center's (the installment's stored
 *   principal and interest) and must add up to the amount exactly.
 */
import { badInput } from '../../../platform/errors';
import { parseAmountToFen } from '../../kit/money';

export type MerchantPaymentKind = 'BILL_PAYMENT' | 'TOP_UP' | 'LOAN_REPAYMENT';

export interface PaymentSplitInput {
  kind?: MerchantPaymentKind | null;
  principal?: string | null;
  interest?: string | null;
}

export interface PaymentPlan {
  kind: MerchantPaymentKind;
  route: 'MERCHANT' | 'LOAN';
  /** Fen of the amount that is interest (LOAN_REPAYMENT); 0 otherwise. */
  interestFen: bigint;
  /** The request-hash fields beyond the common ones: a replay with another split is a conflict. */
  hashFields: Record<string, string>;
  /** The GL account number transferParties is asked about (never a customer account). */
  destinationNumber: string;
}

const MERCHANT_SETTLEMENT_NUMBER = '9000000000000000003';
const LOAN_PRINCIPAL_NUMBER = '9000000000000000009';

/** The kind's route and split; BAD_USER_INPUT with the field when the split is missing, extra or does not add up. */
export function planPayment(input: PaymentSplitInput, amountFen: bigint): PaymentPlan {
  const kind = input.kind ?? 'BILL_PAYMENT';
  const field = (name: string) => ['input', name];
  if (kind !== 'LOAN_REPAYMENT') {
    if (input.principal != null) throw badInput('仅贷款还款可指定本金', field('principal'));
    if (input.interest != null) throw badInput('仅贷款还款可指定利息', field('interest'));
    return { kind, route: 'MERCHANT', interestFen: 0n, hashFields: {}, destinationNumber: MERCHANT_SETTLEMENT_NUMBER };
  }
  if (input.principal == null) throw badInput('贷款还款须指定本金', field('principal'));
  if (input.interest == null) throw badInput('贷款还款须指定利息', field('interest'));
  const principal = parseAmountToFen(input.principal, field('principal'), { allowZero: true });
  const interest = parseAmountToFen(input.interest, field('interest'), { allowZero: true });
  if (principal + interest !== amountFen) throw badInput('本金与利息之和须等于还款金额', field('principal'));
  return {
    kind,
    route: 'LOAN',
    interestFen: interest,
    hashFields: { principal: principal.toString(), interest: interest.toString() },
    destinationNumber: LOAN_PRINCIPAL_NUMBER,
  };
}
