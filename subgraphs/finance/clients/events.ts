/**
 * Where finance's order events go: each subscriber is a center with an `@inaccessible` mutation
 * that applies an event once (it keeps the ids it handled). The account center writes balance
 * notices; marketing (points, notices) subscribes the same way.
 */
import type { Clock } from '../../kit/clock';
import { createInternalClient } from '../../kit/internalClient';

export interface OrderEventMessage {
  id: string;
  type: string;
  orderId: string;
  /** The event payload as JSON text. */
  payload: string;
  occurredAt: string;
}

export interface EventSubscriber {
  name: string;
  /** Resolves once the subscriber has applied (or already had) the event; throws to be retried. */
  deliver(event: OrderEventMessage): Promise<void>;
}

export function accountEventSubscriber(clock: Clock): EventSubscriber {
  const client = createInternalClient({ caller: 'finance', target: 'account', clock, timeoutMs: 5_000 });
  return {
    name: 'account',
    async deliver(event) {
      await client.request<{ applyOrderEvent: boolean }>(
        'mutation($event: LedgerOrderEventInput!) { applyOrderEvent(event: $event) }',
        { event },
        { scopes: ['account:events:apply'] },
      );
    },
  };
}

export function defaultEventSubscribers(clock: Clock): EventSubscriber[] {
  return [accountEventSubscriber(clock)];
}
