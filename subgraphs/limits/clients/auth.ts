/**
 * What the limits center asks the auth center: whether a step-up challenge token was passed for
 * exactly this limit change (consumed once). The contract is auth's `@inaccessible`
 * `consumeChallengeToken` (scope `auth:challenge:consume`, acting for the customer).
 */
import type { Clock } from '../../../platform/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface AuthCenterClient {
  consumeChallengeToken(customerId: string, token: string, purpose: string, actionHash: string): Promise<boolean>;
}

export function createAuthCenterClient(clock: Clock): AuthCenterClient {
  const client = createInternalClient({ caller: 'limits', target: 'auth', clock, timeoutMs: 10_000 });
  return {
    async consumeChallengeToken(customerId, token, purpose, actionHash) {
      const data = await client.request<{ consumeChallengeToken: boolean }>(
        'mutation($t: String!, $p: String!, $h: String!) { consumeChallengeToken(token: $t, purpose: $p, actionHash: $h) }',
        { t: token, p: purpose, h: actionHash },
        { actingFor: customerId, scopes: ['auth:challenge:consume'] },
      );
      return data.consumeChallengeToken;
    },
  };
}
