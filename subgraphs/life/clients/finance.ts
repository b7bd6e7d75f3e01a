/**
 * What life asks the finance center: a merchant payment order for a bill, acting for the customer
 * (finance's `@inaccessible` `createMerchantPayment`, scope finance:order:create). Finance is
 * idempotent on (customer, key), so asking again after a timeout never pays twice.
 */
import type { Clock } from '../../kit/clock';
import type { ChannelName } from '../../kit/identity';
import { createInternalClient } from '../../kit/internalClient';

export interface MerchantPaymentReceipt {
  orderId: string;
  outcome: 'COMPLETED' | 'PENDING' | 'REJECTED';
  failureCode: string | null;
  failureReason: string | null;
}

export interface MerchantPaymentRequest {
  sourceAccountId: string;
  amount: string;
  merchantName: string;
  reference: string;
  channel: ChannelName;
  deviceId: string | null;
  idempotencyKey: string;
  /** The order's kind: BILL_PAYMENT when absent; a top-up sends TOP_UP. */
  kind?: 'BILL_PAYMENT' | 'TOP_UP';
}

export interface FinanceCenterClient {
  payMerchant(customerId: string, input: MerchantPaymentRequest): Promise<MerchantPaymentReceipt>;
}

export function createFinanceCenterClient(clock: Clock): FinanceCenterClient {
  const client = createInternalClient({ caller: 'life', target: 'finance', clock, timeoutMs: 15_000 });
  return {
    async payMerchant(customerId, input) {
      const data = await client.request<{ createMerchantPayment: MerchantPaymentReceipt }>(
        'mutation($input: MerchantPaymentInput!) { createMerchantPayment(input: $input) { orderId outcome failureCode failureReason } }',
        { input },
        { actingFor: customerId, scopes: ['finance:order:create'] },
      );
      return data.createMerchantPayment;
    },
  };
}
