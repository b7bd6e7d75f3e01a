/**
 * Finance's order events as the centers that asked for the order receive them (life's bill payments
 * and top-ups, limits' loan repayments): the end of an order, delivered at least once by finance's
 * outbox relay. Each receiving center applies it to its own row; this is the shape they share.
 */
import { badInput } from '../../platform/errors';
import type { OrderEventApplier } from './orderEventBus/consumer';
import type { BusOrderEvent } from './orderEventBus/message';

export const FINANCE_ORDER_END_STATUSES = ['COMPLETED', 'REJECTED', 'FAILED', 'REVERSED'] as const;
export type FinanceOrderEndStatus = (typeof FINANCE_ORDER_END_STATUSES)[number];

export interface FinanceOrderEvent {
  eventId: string;
  orderId: string;
  customerId: string;
  /** The idempotency key the order was created with: the receiving center's own (`billpay-…`, `loanrepay-…`). */
  orderKey: string;
  status: FinanceOrderEndStatus;
  failureCode?: string | null;
  failureReason?: string | null;
}

/** The event as received over GraphQL (status a plain string), checked: an unknown status is bad input. */
export function financeOrderEvent(event: Omit<FinanceOrderEvent, 'status'> & { status: string }): FinanceOrderEvent {
  if (!(FINANCE_ORDER_END_STATUSES as readonly string[]).includes(event.status)) throw badInput('订单状态无效', ['event', 'status']);
  return { ...event, status: event.status as FinanceOrderEndStatus };
}

/** The event types that end an order, as they travel on the order-event bus. */
export const FINANCE_ORDER_END_EVENT_TYPES = FINANCE_ORDER_END_STATUSES.map((status) => `ORDER_${status}`);

/**
 * An order's end as it arrives on the order-event bus (kit/orderEventBus), in the shape the HTTP relay
 * sends it (finance's orderOutcomeSubscriber): the status from the event, never the order as it is now.
 */
export function financeOrderEventFromBus(event: BusOrderEvent): FinanceOrderEvent {
  const payload = (event.payload ?? {}) as { failureCode?: string | null };
  return financeOrderEvent({
    eventId: event.id,
    orderId: event.orderId,
    customerId: event.order.customerId,
    orderKey: event.order.idempotencyKey,
    status: event.type.slice('ORDER_'.length),
    failureCode: payload.failureCode ?? event.order.failureCode,
    failureReason: event.order.failureReason,
  });
}

/**
 * A center that asked finance for an order (life: bill payments and top-ups; limits: loan repayments)
 * on the order-event bus: it takes the end events of its own orders only (others are acknowledged
 * untouched) and records each applied event by id.
 */
export function requesterOrderEvents(
  center: 'life' | 'limits',
  handlers: { appliedOf(eventIds: string[]): Promise<Set<string>>; apply(event: FinanceOrderEvent): Promise<unknown> },
): OrderEventApplier {
  return {
    center,
    types: FINANCE_ORDER_END_EVENT_TYPES,
    concerns: (event) => event.order.requester === center,
    appliedOf: (eventIds) => handlers.appliedOf(eventIds),
    async apply(event) {
      await handlers.apply(financeOrderEventFromBus(event));
    },
  };
}
