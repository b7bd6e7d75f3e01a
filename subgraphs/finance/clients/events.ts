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

/** The order facts marketing needs that the event payload does not carry (read from finance's own store). */
export interface CompletedOrderFacts {
  customerId: string;
  kind: string;
  amount: string;
  channel: string;
  /** The product of a product order (a wealth purchase), for marketing's per-kind figures. */
  productId: string | null;
}

/**
 * Marketing awards points for completed orders and keeps the event ids it handled, so a
 * redelivered event awards nothing more. Only ORDER_COMPLETED events concern it; the others are
 * taken without a call.
 */
export function marketingEventSubscriber(clock: Clock, orderFacts: (orderId: string) => Promise<CompletedOrderFacts | null>): EventSubscriber {
  const client = createInternalClient({ caller: 'finance', target: 'marketing', clock, timeoutMs: 5_000 });
  return {
    name: 'marketing',
    async deliver(event) {
      if (event.type !== 'ORDER_COMPLETED') return;
      const order = await orderFacts(event.orderId);
      if (!order) throw new Error(`order ${event.orderId} of event ${event.id} not found`);
      await client.request<{ recordOrderEvent: { duplicate: boolean } }>(
        'mutation($event: OrderEventInput!) { recordOrderEvent(event: $event) { duplicate } }',
        {
          event: {
            eventId: event.id,
            orderId: event.orderId,
            customerId: order.customerId,
            orderKind: order.kind,
            status: 'COMPLETED',
            amount: order.amount,
            channel: order.channel,
            productId: order.productId,
            occurredAt: event.occurredAt,
          },
        },
        { scopes: ['marketing:order-events:write'] },
      );
    },
  };
}

export function defaultEventSubscribers(clock: Clock, orderFacts: (orderId: string) => Promise<CompletedOrderFacts | null>): EventSubscriber[] {
  return [accountEventSubscriber(clock), marketingEventSubscriber(clock, orderFacts)];
}
