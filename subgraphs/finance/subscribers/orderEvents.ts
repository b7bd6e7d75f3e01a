/**
 * Where finance's order events go: each subscriber is a center with an `@inaccessible` mutation
 * that applies an event once (it keeps the ids it handled). The account center writes balance
 * notices; marketing (points, notices) subscribes the same way, and takes back the coupon of a
 * purchase that did not go through.
 */
import type { Clock } from '../../../platform/clock';
import { createAccountCenterClient } from '../../account/client';
import { createMarketingCenterClient } from '../../marketing/client';

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
  /**
   * The event types this subscriber acts on. The relay hands it no others, and an event no
   * subscriber wants is marked published without a call.
   */
  wants: ReadonlySet<string>;
  /** Resolves once the subscriber has applied (or already had) the event; throws to be retried. */
  deliver(event: OrderEventMessage): Promise<void>;
}

/**
 * The events the account center acts on: applyOrderEvent writes balance notices for
 * ORDER_COMPLETED (the forward entry) and ORDER_REVERSED (the refund); any other type it would
 * only record as handled, so those are not sent.
 */
const ACCOUNT_NOTIFIED_EVENTS: ReadonlySet<string> = new Set(['ORDER_COMPLETED', 'ORDER_REVERSED']);

export function accountEventSubscriber(clock: Clock): EventSubscriber {
  const account = createAccountCenterClient('finance', clock, { timeoutMs: 5_000 });
  return {
    name: 'account',
    wants: ACCOUNT_NOTIFIED_EVENTS,
    async deliver(event) {
      await account.applyOrderEvent(event);
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
  /** A transfer's route (OWN, SAME_BANK, OTHER_BANK): marketing's earning table gives own transfers nothing. */
  route: string | null;
}

/** The events marketing's points and order figures take, with the status each reports. */
const POINTS_EVENT_STATUS: Readonly<Record<string, string>> = { ORDER_COMPLETED: 'COMPLETED', ORDER_REVERSED: 'REVERSED' };
const POINTS_EVENTS: ReadonlySet<string> = new Set(Object.keys(POINTS_EVENT_STATUS));

/**
 * Marketing awards points for completed orders, takes back what an order earned when it is
 * reversed, and keeps the event ids it handled, so a redelivered event changes nothing more.
 */
export function marketingEventSubscriber(
  clock: Clock,
  orderFacts: (orderId: string) => Promise<CompletedOrderFacts | null>,
): EventSubscriber {
  const marketing = createMarketingCenterClient('finance', clock, { timeoutMs: 5_000 });
  return {
    name: 'marketing',
    wants: POINTS_EVENTS,
    async deliver(event) {
      if (!POINTS_EVENTS.has(event.type)) return; // the relay sends none other; a direct call awards nothing
      const order = await orderFacts(event.orderId);
      if (!order) throw new Error(`order ${event.orderId} of event ${event.id} not found`);
      await marketing.recordOrderEvent({
        eventId: event.id,
        orderId: event.orderId,
        customerId: order.customerId,
        orderKind: order.kind,
        route: order.route,
        status: POINTS_EVENT_STATUS[event.type]!,
        amount: order.amount,
        channel: order.channel,
        productId: order.productId,
        occurredAt: event.occurredAt,
      });
    },
  };
}

/** The coupon an order asked for (stored on the order before marketing was asked to redeem it). */
export interface OrderCoupon {
  customerId: string;
  couponId: string | null;
}

/** The events after which an order's coupon goes back: the order ended without moving money. */
const COUPON_RELEASING_EVENTS: ReadonlySet<string> = new Set(['ORDER_REJECTED', 'ORDER_FAILED']);

/**
 * Gives a purchase's coupon back when the order ends REJECTED or FAILED (limits, risk, the ledger,
 * a refused or expired step-up, the sweeper giving up). The event is written in the same statement
 * as that status change and the relay retries until marketing answers, so the release cannot be
 * lost; marketing releases only the coupon redeemed by exactly this order id, so a redelivery (or an
 * order whose coupon was never redeemed) changes nothing.
 */
export function couponReleaseSubscriber(clock: Clock, couponOf: (orderId: string) => Promise<OrderCoupon | null>): EventSubscriber {
  const marketing = createMarketingCenterClient('finance', clock, { timeoutMs: 5_000 });
  return {
    name: 'marketing-coupons',
    wants: COUPON_RELEASING_EVENTS,
    async deliver(event) {
      if (!COUPON_RELEASING_EVENTS.has(event.type)) return; // the relay sends none other
      const order = await couponOf(event.orderId);
      if (!order) throw new Error(`order ${event.orderId} of event ${event.id} not found`);
      if (!order.couponId) return;
      await marketing.releaseCoupon(order.customerId, order.couponId, event.orderId);
    },
  };
}

export function defaultEventSubscribers(
  clock: Clock,
  orderFacts: (orderId: string) => Promise<CompletedOrderFacts | null>,
  couponOf: (orderId: string) => Promise<OrderCoupon | null>,
): EventSubscriber[] {
  return [accountEventSubscriber(clock), marketingEventSubscriber(clock, orderFacts), couponReleaseSubscriber(clock, couponOf)];
}
