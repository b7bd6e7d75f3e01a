/**
 * An order event as it travels on the NATS JetStream bus: finance's outbox row, the order facts the
 * consuming centers need (read from finance's store when it is published, so no consumer has to call
 * back), and where the event stands among its order's events. The subject is `<stream>.<type>`, so each
 * center's durable consumer filters the types it takes on the server.
 */
import { z } from 'zod';

/** The order as finance's store has it when the event is published. */
const orderFacts = z.object({
  customerId: z.string(),
  kind: z.string(),
  /** Decimal string, yuan. */
  amount: z.string(),
  channel: z.string(),
  productId: z.string().nullable(),
  route: z.string().nullable(),
  couponId: z.string().nullable(),
  /** The key the order was created with (a requesting center's own: `billpay-…`, `loanrepay-…`). */
  idempotencyKey: z.string(),
  failureCode: z.string().nullable(),
  failureReason: z.string().nullable(),
  /** The center whose row waits for this order's end (life, limits), or null. */
  requester: z.string().nullable(),
});

const busOrderEvent = z.object({
  /** The outbox event id: also the message's `Nats-Msg-Id`, and the id consumers record as applied. */
  id: z.string().min(1).max(64),
  type: z.string().regex(/^[A-Z_]{1,64}$/),
  orderId: z.string().min(1).max(64),
  /** 1-based position among the order's events, in the order finance wrote them. */
  sequence: z.number().int().positive(),
  /** The order's earlier events, oldest first: a consumer applies this one only after every earlier one it applies. */
  previous: z.array(z.object({ id: z.string(), type: z.string() })),
  occurredAt: z.string(),
  payload: z.unknown(),
  order: orderFacts,
});

export type BusOrderEvent = z.infer<typeof busOrderEvent>;
export type BusOrderFacts = z.infer<typeof orderFacts>;

/** The subject an event of this type is published on. */
export function orderEventSubject(stream: string, type: string): string {
  return `${stream}.${type}`;
}

export function encodeOrderEvent(event: BusOrderEvent): string {
  return JSON.stringify(event);
}

/** The event in a message, checked; throws on anything else (the consumer terminates such a message). */
export function decodeOrderEvent(data: string): BusOrderEvent {
  return busOrderEvent.parse(JSON.parse(data));
}
