/**
 * The user center's internal API, as other centers call it: over the internal client with a service
 * credential acting for the customer. The user center answers these `@inaccessible` fields only to
 * such calls. Published here, beside the schema it mirrors, so every caller asks the same way.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { InternalClient, createInternalClient } from '../kit/internalClient';

export type RiskGrade = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';

export interface CustomerRiskProfile {
  userId: string;
  /** Null before the customer's first risk-tolerance assessment. */
  grade: RiskGrade | null;
  expired: boolean;
}

export interface UserCenterClient {
  /** Null when the user center does not know the customer. */
  customerRiskProfile(userId: string): Promise<CustomerRiskProfile | null>;
}

const CUSTOMER_RISK_PROFILE = /* GraphQL */ `
  query CustomerRiskProfile($userId: ID!) {
    customerRiskProfile(userId: $userId) {
      userId
      grade
      expired
    }
  }
`;

/** The clock signs the credential, so it must be the same clock the user center verifies with. */
export function createUserCenterClient(
  caller: CenterName,
  clock: Clock,
  client: InternalClient = createInternalClient({ caller, target: 'user', clock }),
): UserCenterClient {
  return {
    async customerRiskProfile(userId) {
      const data = await client.request<{ customerRiskProfile: CustomerRiskProfile | null }, { userId: string }>(
        CUSTOMER_RISK_PROFILE,
        { userId },
        { actingFor: userId, scopes: ['user:risk-profile:read'] },
      );
      return data.customerRiskProfile;
    },
  };
}
