/**
 * Orders other centers asked for, and what finance tells them when those orders end. Life's bill
 * payments and top-ups and the limits center's loan repayments each keep a PENDING row until they
 * learn their order's outcome; a caller that timed out would learn it only by replaying its key. So
 * the outbox relay delivers the end of such an order (COMPLETED, REJECTED, FAILED, REVERSED) to the
 * center whose key created it, which settles or releases its row once per event id.
 *
 * The same centers answer the daily reconciliation's question: which of these orders' rows are
 * still PENDING (`pendingLifeOrderClaims`, `pendingRepaymentOrderClaims`).
 */
import type { CenterName } from '../../../platform/centers';
import type { Clock } from '../../../platform/clock';
import type { FinanceOrderEndStatus, FinanceOrderEvent } from '../../kit/financeOrderEvents';
import { createLifeCenterClient } from '../../life/client';
import { createLimitsCenterClient } from '../../limits/client';
import type { EventSubscriber } from './orderEvents';

/** The order events that end an order. */
export const ORDER_END_EVENTS: ReadonlySet<string> = new Set(['ORDER_COMPLETED', 'ORDER_REJECTED', 'ORDER_FAILED', 'ORDER_REVERSED']);

/** Which center created an order, told by the kind and the key prefix that center uses. */
const REQUESTERS: Requester[] = [
  {
    center: 'life',
    kinds: new Set(['BILL_PAYMENT', 'TOP_UP']),
    keyPrefixes: ['billpay-', 'topup-'],
    connect(clock, timeoutMs) {
      const life = createLifeCenterClient('finance', clock, { timeoutMs });
      return { apply: (event) => life.applyLifeOrderEvent(event), pending: (keys) => life.pendingLifeOrderClaims(keys) };
    },
  },
  {
    center: 'limits',
    kinds: new Set(['LOAN_REPAYMENT']),
    keyPrefixes: ['loanrepay-'],
    connect(clock, timeoutMs) {
      const limits = createLimitsCenterClient('finance', clock, { timeoutMs });
      return { apply: (event) => limits.applyRepaymentOrderEvent(event), pending: (keys) => limits.pendingRepaymentOrderClaims(keys) };
    },
  },
];

interface Requester {
  center: CenterName;
  kinds: ReadonlySet<string>;
  keyPrefixes: readonly string[];
  connect(clock: Clock, timeoutMs: number): RequesterClient;
}

/** The requesting center's two questions, through its published client. */
interface RequesterClient {
  /** Applies an order's end once per event id (scope `<center>:order-events:apply`). */
  apply(event: FinanceOrderEvent): Promise<boolean>;
  /** The order keys whose rows are still PENDING (scope `<center>:claims:read`). */
  pending(orderKeys: string[]): Promise<string[]>;
}

/** The center whose row waits for this order, or null for an order no other center asked for. */
export function requesterOf(order: { kind: string; idempotencyKey: string }): CenterName | null {
  return requesterFor(order)?.center ?? null;
}

function requesterFor(order: { kind: string; idempotencyKey: string }): Requester | undefined {
  return REQUESTERS.find(
    (candidate) => candidate.kinds.has(order.kind) && candidate.keyPrefixes.some((prefix) => order.idempotencyKey.startsWith(prefix)),
  );
}

/** What the requesting center needs about the ended order, read from finance's own store. */
export interface EndedOrderFacts {
  customerId: string;
  kind: string;
  idempotencyKey: string;
  failureCode: string | null;
  failureReason: string | null;
}

/**
 * Tells the center that created an order how it ended. Orders no other center asked for (transfers,
 * purchases) are taken at once without a call. The status comes from the event, never from the order
 * as it is now, so the center sees every end in the order's own sequence.
 */
export function orderOutcomeSubscriber(clock: Clock, factsOf: (orderId: string) => Promise<EndedOrderFacts | null>): EventSubscriber {
  const clients = new Map(REQUESTERS.map((requester) => [requester.center, requester.connect(clock, 5_000)]));
  return {
    name: 'order-requesters',
    wants: ORDER_END_EVENTS,
    async deliver(event) {
      if (!ORDER_END_EVENTS.has(event.type)) return;
      const order = await factsOf(event.orderId);
      if (!order) throw new Error(`order ${event.orderId} of event ${event.id} not found`);
      const requester = requesterFor(order);
      if (!requester) return;
      const payload = JSON.parse(event.payload) as { failureCode?: string | null };
      await clients.get(requester.center)!.apply({
        eventId: event.id,
        orderId: event.orderId,
        customerId: order.customerId,
        orderKey: order.idempotencyKey,
        status: event.type.slice('ORDER_'.length) as FinanceOrderEndStatus,
        failureCode: payload.failureCode ?? order.failureCode,
        failureReason: order.failureReason,
      });
    },
  };
}

/** Asks a requesting center which of the given order keys still have a PENDING row there. */
export interface PendingClaimsClient {
  pendingOf(center: CenterName, orderKeys: string[]): Promise<string[]>;
}

export function createPendingClaimsClient(clock: Clock): PendingClaimsClient {
  const clients = new Map(REQUESTERS.map((requester) => [requester.center, requester.connect(clock, 10_000)]));
  return {
    async pendingOf(center, orderKeys) {
      const client = clients.get(center);
      if (!client || orderKeys.length === 0) return [];
      return client.pending(orderKeys);
    },
  };
}
