/**
 * The auth center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts), always acting for the customer:
 * - `assessRisk`: a real-time risk decision for an order (finance);
 * - `consumeChallengeToken`: whether a step-up challenge was passed for exactly this action,
 *   consumed once (finance for orders, limits for limit changes, account for its self-service: full number, unfreezing).
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { InternalClient, WithStoredValues, createInternalClient } from '../kit/internalClient';
import { AssessRiskDocument, AssessRiskQuery, ConsumeChallengeTokenDocument, RiskAssessmentInput } from './client/operations.generated';

export type RiskDecision = AssessRiskQuery['assessRisk'];
export type RiskAssessmentRequest = WithStoredValues<RiskAssessmentInput, 'channel'>;

export interface ChallengeTokenClient {
  consumeChallengeToken(customerId: string, token: string, purpose: string, actionHash: string): Promise<boolean>;
}

export interface AuthCenterClient extends ChallengeTokenClient {
  assessRisk(customerId: string, input: RiskAssessmentRequest): Promise<RiskDecision>;
}

/** The clock signs the credential, so it must be the same clock the auth center verifies with. */
export function createAuthCenterClient(
  caller: CenterName,
  clock: Clock,
  client: InternalClient = createInternalClient({ caller, target: 'auth', clock, timeoutMs: 10_000 }),
): AuthCenterClient {
  return {
    async assessRisk(customerId, input) {
      const data = await client.request(
        AssessRiskDocument,
        { input: input as RiskAssessmentInput },
        { actingFor: customerId, scopes: ['auth:risk:assess'] },
      );
      return data.assessRisk;
    },
    async consumeChallengeToken(customerId, token, purpose, actionHash) {
      const data = await client.request(
        ConsumeChallengeTokenDocument,
        { token, purpose, actionHash },
        { actingFor: customerId, scopes: ['auth:challenge:consume'] },
      );
      return data.consumeChallengeToken;
    },
  };
}
