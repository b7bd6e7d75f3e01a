/**
 * Finance's order events as the centers that asked for the order receive them (life's bill payments
 * and top-ups, limits' loan repayments): the end of an order, delivered at least once by finance's
 * outbox relay. Each receiving center applies it to its own row; this is the shape they share.
 */
import { badInput } from '../../platform/errors';

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
