/**
 * The life center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; finance alone is granted them in serviceScopes.ts): the end of a
 * bill-payment or top-up order the life center asked for, and which of those still wait.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { createInternalClient } from '../kit/internalClient';
import { ApplyLifeOrderEventDocument, LifeOrderEventInput, PendingLifeOrderClaimsDocument } from './client/operations.generated';

export type { LifeOrderEventInput } from './client/operations.generated';

export interface LifeCenterClient {
  /** Settles or releases the payment's row once per event id; resolves once applied (or already had). */
  applyLifeOrderEvent(event: LifeOrderEventInput): Promise<boolean>;
  /** Which of these order keys still have a PENDING payment row. */
  pendingLifeOrderClaims(orderKeys: string[]): Promise<string[]>;
}

/** The clock signs the credential, so it must be the same clock the life center verifies with. */
export function createLifeCenterClient(caller: CenterName, clock: Clock, options: { timeoutMs?: number } = {}): LifeCenterClient {
  const client = createInternalClient({ caller, target: 'life', clock, timeoutMs: options.timeoutMs });
  return {
    async applyLifeOrderEvent(event) {
      return (await client.request(ApplyLifeOrderEventDocument, { event }, { scopes: ['life:order-events:apply'] })).applyLifeOrderEvent;
    },
    async pendingLifeOrderClaims(orderKeys) {
      const data = await client.request(PendingLifeOrderClaimsDocument, { orderKeys }, { scopes: ['life:claims:read'] });
      return data.pendingLifeOrderClaims;
    },
  };
}
