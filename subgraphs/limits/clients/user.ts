/**
 * What the limits center asks the user center before a credit decision: whether the customer's
 * identity is verified (KYC level), read as the customer's own profile acting for them.
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';
import type { KycLevel } from '../service/credit/creditRules';

export interface CustomerIdentityClient {
  /** Null when the user center does not know the customer. */
  kycLevel(customerId: string): Promise<KycLevel | null>;
}

export function createCustomerIdentityClient(clock: Clock): CustomerIdentityClient {
  const client = createInternalClient({ caller: 'limits', target: 'user', clock, timeoutMs: 5_000 });
  return {
    async kycLevel(customerId) {
      const data = await client.request<{ me: { kycLevel: KycLevel } | null }>(
        '{ me { kycLevel } }',
        {},
        { actingFor: customerId, scopes: ['user:profile:read'] },
      );
      return data.me?.kycLevel ?? null;
    },
  };
}
