/**
 * The finance center's internal API, as other centers call it: over the internal client with a
 * service credential acting for the customer. Finance answers these `@inaccessible` mutations only
 * to such calls, and is idempotent on (customer, idempotencyKey), so asking again after a timeout
 * never pays twice. Published here, beside the schema it mirrors, so every caller asks the same way.
 *
 * - `createMerchantPayment` (scope finance:order:create): money from the customer's account, with
 *   limits, risk and the ledger applied by finance. BILL_PAYMENT and TOP_UP credit
 *   MERCHANT_SETTLEMENT; LOAN_REPAYMENT credits the principal to LOAN_PRINCIPAL and the interest to
 *   INTEREST_INCOME (they must add up to the amount).
 * - `disburseLoan` (scope finance:loan:disburse): a LOAN_DISBURSEMENT order, LOAN_PRINCIPAL → the
 *   customer's class I account, at most once per loan.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import type { ChannelName } from '../../platform/identity/identity';
import { createInternalClient } from '../kit/internalClient';

export interface FinanceOrderReceipt {
  orderId: string;
  outcome: 'COMPLETED' | 'PENDING' | 'REJECTED';
  failureCode: string | null;
  failureReason: string | null;
}

export type MerchantPaymentKind = 'BILL_PAYMENT' | 'TOP_UP' | 'LOAN_REPAYMENT';

export interface MerchantPaymentRequest {
  sourceAccountId: string;
  amount: string;
  merchantName: string;
  /** What is paid (a bill id, a masked mobile, an installment); kept as the order memo. */
  reference: string;
  channel: ChannelName;
  deviceId: string | null;
  idempotencyKey: string;
  /** BILL_PAYMENT when absent. */
  kind?: MerchantPaymentKind;
  /** LOAN_REPAYMENT only: Decimal parts of `amount`, adding up to it exactly. */
  principal?: string;
  interest?: string;
}

export interface LoanDisbursementRequest {
  loanId: string;
  accountId: string;
  amount: string;
  productName: string;
  channel: ChannelName;
  /** Derived from the loan (and attempt) by the caller: a retry never pays twice. */
  idempotencyKey: string;
}

export interface FinanceCenterClient {
  createMerchantPayment(customerId: string, input: MerchantPaymentRequest): Promise<FinanceOrderReceipt>;
  disburseLoan(customerId: string, input: LoanDisbursementRequest): Promise<FinanceOrderReceipt>;
}

const RECEIPT = 'orderId outcome failureCode failureReason';

/** The clock signs the credential, so it must be the same clock finance verifies with. */
export function createFinanceCenterClient(caller: CenterName, clock: Clock): FinanceCenterClient {
  const client = createInternalClient({ caller, target: 'finance', clock, timeoutMs: 15_000 });
  return {
    async createMerchantPayment(customerId, input) {
      const data = await client.request<{ createMerchantPayment: FinanceOrderReceipt }>(
        `mutation($input: MerchantPaymentInput!) { createMerchantPayment(input: $input) { ${RECEIPT} } }`,
        { input },
        { actingFor: customerId, scopes: ['finance:order:create'] },
      );
      return data.createMerchantPayment;
    },
    async disburseLoan(customerId, input) {
      const data = await client.request<{ disburseLoan: FinanceOrderReceipt }>(
        `mutation($input: LoanDisbursementInput!) { disburseLoan(input: $input) { ${RECEIPT} } }`,
        { input },
        { actingFor: customerId, scopes: ['finance:loan:disburse'] },
      );
      return data.disburseLoan;
    },
  };
}
