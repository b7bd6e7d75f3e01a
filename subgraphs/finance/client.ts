/**
 * The finance center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts), acting for the customer. Finance answers these `@inaccessible` mutations only
 * to such calls, and is idempotent on (customer, idempotencyKey), so asking again after a timeout
 * never pays twice. Published here, beside the schema it mirrors, so every caller asks the same way.
 *
 * - `createMerchantPayment` (scope finance:order:create): money from the customer's account, with
 *   limits, risk and the ledger applied by finance. BILL_PAYMENT and TOP_UP credit
 *   MERCHANT_SETTLEMENT; LOAN_REPAYMENT credits the principal to LOAN_PRINCIPAL and the interest to
 *   INTEREST_INCOME (they must add up to the amount).
 * - `disburseLoan` (scope finance:loan:disburse): a LOAN_DISBURSEMENT order, LOAN_PRINCIPAL → the
 *   customer's class I account, at most once per loan.
 * - `customerPayees` (scope finance:payees:read, marketing's voice commands): the customer's saved
 *   payees, masked; reads only.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { createInternalClient } from '../kit/internalClient';
import {
  CreateMerchantPaymentDocument,
  CustomerPayeesDocument,
  CustomerPayeesQuery,
  DisburseLoanDocument,
  LoanDisbursementInput,
  MerchantPaymentInput,
  OrderReceiptFragment,
} from './client/operations.generated';

export type { MerchantPaymentKind } from './client/operations.generated';
export type MerchantPaymentRequest = MerchantPaymentInput;
export type LoanDisbursementRequest = LoanDisbursementInput;
/**
 * `outcome` is COMPLETED, PENDING (still moving: ask again with the same key), CHALLENGE_REQUIRED (a
 * payment waiting for the customer's step-up, `challenge`; confirmOrder or the sweeper ends it) or
 * REJECTED (nothing paid).
 */
export type FinanceOrderReceipt = OrderReceiptFragment;
/** A loan disbursement is never challenged: no `challenge`. */
export type FinanceDisbursementReceipt = Omit<OrderReceiptFragment, 'challenge'>;
/** The step-up a payment's order waits for: what the customer's channel needs to pass it. */
export type FinanceOrderChallenge = NonNullable<OrderReceiptFragment['challenge']>;
/** A saved payee as finance shows it: the account number masked. */
export type CustomerPayeeView = CustomerPayeesQuery['customerPayees'][number];

export interface FinanceCenterClient {
  createMerchantPayment(customerId: string, input: MerchantPaymentRequest): Promise<FinanceOrderReceipt>;
  disburseLoan(customerId: string, input: LoanDisbursementRequest): Promise<FinanceDisbursementReceipt>;
  customerPayees(customerId: string): Promise<CustomerPayeeView[]>;
}

/** The clock signs the credential, so it must be the same clock finance verifies with. */
export function createFinanceCenterClient(caller: CenterName, clock: Clock): FinanceCenterClient {
  const client = createInternalClient({ caller, target: 'finance', clock, timeoutMs: 15_000 });
  return {
    async createMerchantPayment(customerId, input) {
      const data = await client.request(
        CreateMerchantPaymentDocument,
        { input },
        { actingFor: customerId, scopes: ['finance:order:create'] },
      );
      return data.createMerchantPayment;
    },
    async disburseLoan(customerId, input) {
      const data = await client.request(DisburseLoanDocument, { input }, { actingFor: customerId, scopes: ['finance:loan:disburse'] });
      return data.disburseLoan;
    },
    async customerPayees(customerId) {
      const data = await client.request(CustomerPayeesDocument, {}, { actingFor: customerId, scopes: ['finance:payees:read'] });
      return data.customerPayees;
    },
  };
}
