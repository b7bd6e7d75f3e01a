/**
 * What finance asks the auth center: a real-time risk decision for a transfer, and whether a
 * step-up challenge token was passed for exactly this transfer (consumed once). The contract is
 * auth's `@inaccessible` `assessRisk` and `consumeChallengeToken`.
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';
import { ChallengeTokenClient, createChallengeTokenClient } from '../../auth/client';

export interface RiskAssessmentInput {
  action: 'TRANSFER' | 'PURCHASE' | 'BILL_PAYMENT' | 'TOP_UP' | 'LOAN_REPAYMENT' | 'LOGIN';
  amount?: string;
  sourceAccountId?: string;
  payeeAccountNumber?: string;
  payeeIsNew?: boolean;
  channel: string;
  deviceId?: string | null;
}

export interface RiskDecision {
  decisionId: string;
  outcome: 'ALLOW' | 'CHALLENGE' | 'DENY';
  reasons: string[];
  challengeMethods: string[];
  ruleVersion: number;
}

export interface AuthCenterClient extends ChallengeTokenClient {
  assessRisk(customerId: string, input: RiskAssessmentInput): Promise<RiskDecision>;
}

export function createAuthCenterClient(clock: Clock): AuthCenterClient {
  const client = createInternalClient({ caller: 'finance', target: 'auth', clock, timeoutMs: 10_000 });
  return {
    async assessRisk(customerId, input) {
      const data = await client.request<{ assessRisk: RiskDecision }>(
        'query($input: RiskAssessmentInput!) { assessRisk(input: $input) { decisionId outcome reasons challengeMethods ruleVersion } }',
        { input },
        { actingFor: customerId, scopes: ['auth:risk:assess'] },
      );
      return data.assessRisk;
    },
    ...createChallengeTokenClient('finance', clock, client),
  };
}
