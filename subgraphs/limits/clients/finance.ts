/**
 * What the contract center asks the finance center: the order that moves a loan repayment from the
 * customer's account, through finance's `@inaccessible` `createMerchantPayment` (scope
 * finance:order:create, acting for the customer; limits, risk and the ledger happen there).
 * Finance is idempotent on (customer, key), so asking again after a timeout never pays twice.
 * The order is of kind LOAN_REPAYMENT: finance credits the installment's principal to its
 * LOAN_PRINCIPAL account and the interest to INTEREST_INCOME (they must add up to the amount).
 * A loan is paid out by finance's `@inaccessible` `disburseLoan` (LOAN_DISBURSEMENT order: debit
 * LOAN_PRINCIPAL, credit the customer's class I account), at most once per loan.
 */
import type { Clock } from '../../kit/clock';
import type { ChannelName } from '../../kit/identity';
import { createInternalClient } from '../../kit/internalClient';

export interface PaymentOrderReceipt {
  orderId: string;
  outcome: 'COMPLETED' | 'PENDING' | 'REJECTED';
  failureCode: string | null;
  failureReason: string | null;
}

export interface PaymentOrderRequest {
  sourceAccountId: string;
  amount: string;
  merchantName: string;
  reference: string;
  channel: ChannelName;
  deviceId: string | null;
  idempotencyKey: string;
  kind: 'LOAN_REPAYMENT';
  /** Decimal parts of `amount`, adding up to it exactly. */
  principal: string;
  interest: string;
}

/** Pays out a loan (finance's `disburseLoan`, scope finance:loan:disburse): LOAN_PRINCIPAL → the customer's class I account. */
export interface LoanDisbursementRequest {
  loanId: string;
  accountId: string;
  amount: string;
  productName: string;
  channel: ChannelName;
  /** Derived from the loan id and attempt: a retry never pays twice. */
  idempotencyKey: string;
}

export interface FinanceCenterClient {
  createPaymentOrder(customerId: string, input: PaymentOrderRequest): Promise<PaymentOrderReceipt>;
  disburseLoan(customerId: string, input: LoanDisbursementRequest): Promise<PaymentOrderReceipt>;
}

export function createFinanceCenterClient(clock: Clock): FinanceCenterClient {
  const client = createInternalClient({ caller: 'limits', target: 'finance', clock, timeoutMs: 15_000 });
  return {
    async createPaymentOrder(customerId, input) {
      const data = await client.request<{ createMerchantPayment: PaymentOrderReceipt }>(
        'mutation($input: MerchantPaymentInput!) { createMerchantPayment(input: $input) { orderId outcome failureCode failureReason } }',
        { input },
        { actingFor: customerId, scopes: ['finance:order:create'] },
      );
      return data.createMerchantPayment;
    },
    async disburseLoan(customerId, input) {
      const data = await client.request<{ disburseLoan: PaymentOrderReceipt }>(
        'mutation($input: LoanDisbursementInput!) { disburseLoan(input: $input) { orderId outcome failureCode failureReason } }',
        { input },
        { actingFor: customerId, scopes: ['finance:loan:disburse'] },
      );
      return data.disburseLoan;
    },
  };
}
