/**
 * The auth center's internal API for step-up, as other centers call it: whether a challenge token
 * was passed for exactly this action, consumed once (`@inaccessible` `consumeChallengeToken`, scope
 * `auth:challenge:consume`, acting for the customer; granted in serviceScopes.ts). Published here,
 * beside the schema it mirrors, so every caller asks the same way.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { InternalClient, createInternalClient } from '../kit/internalClient';

export interface ChallengeTokenClient {
  consumeChallengeToken(customerId: string, token: string, purpose: string, actionHash: string): Promise<boolean>;
}

const CONSUME_CHALLENGE_TOKEN = /* GraphQL */ `
  mutation ConsumeChallengeToken($token: String!, $purpose: String!, $actionHash: String!) {
    consumeChallengeToken(token: $token, purpose: $purpose, actionHash: $actionHash)
  }
`;

export function createChallengeTokenClient(
  caller: CenterName,
  clock: Clock,
  client: InternalClient = createInternalClient({ caller, target: 'auth', clock, timeoutMs: 10_000 }),
): ChallengeTokenClient {
  return {
    async consumeChallengeToken(customerId, token, purpose, actionHash) {
      const data = await client.request<{ consumeChallengeToken: boolean }>(
        CONSUME_CHALLENGE_TOKEN,
        { token, purpose, actionHash },
        { actingFor: customerId, scopes: ['auth:challenge:consume'] },
      );
      return data.consumeChallengeToken;
    },
  };
}
