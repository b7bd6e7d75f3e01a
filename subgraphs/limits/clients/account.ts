/**
 * What the limits center asks the account center: the classes of a customer's accounts. The
 * account center owns them; this center never reads its database.
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';
import type { AccountClassHolding } from '../service/effectiveLimits';

const CUSTOMER_ACCOUNT_CLASSES = /* GraphQL */ `
  query CustomerAccountClasses($userId: ID!) {
    customerAccountClasses(userId: $userId) {
      accountId
      accountClass
      boundAccountId
    }
  }
`;

export interface AccountCenterClient {
  /** The customer's open accounts and their PBOC class, class I first. */
  customerAccountClasses(customerId: string): Promise<AccountClassHolding[]>;
}

export function createAccountCenterClient(clock: Clock): AccountCenterClient {
  const client = createInternalClient({ caller: 'limits', target: 'account', clock });
  return {
    async customerAccountClasses(customerId) {
      const data = await client.request<{ customerAccountClasses: AccountClassHolding[] }, { userId: string }>(
        CUSTOMER_ACCOUNT_CLASSES,
        { userId: customerId },
        { actingFor: customerId, scopes: ['account:classes:read'] },
      );
      return data.customerAccountClasses;
    },
  };
}
