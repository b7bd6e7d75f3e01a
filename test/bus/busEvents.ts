/**
 * Pieces shared by the order-event bus tests and `npm run bench:bus`: order events built as finance's
 * publisher builds them (for orders that exist only on the bus), published in bulk, and consumers
 * driven until their backlog is gone.
 */
import { randomUUID } from 'node:crypto';
import type { BusOrderEvent } from '../../subgraphs/kit/orderEventBus/message';
import type { OrderEventConsumer } from '../../subgraphs/kit/orderEventBus/consumer';
import type { OrderEventPublisher } from '../../subgraphs/kit/orderEventBus/publisher';

/** An order's events as finance would publish them: each names the ones before it. */
export function orderEvents(types: string[], order: Partial<BusOrderEvent['order']> & { customerId: string }, at: Date): BusOrderEvent[] {
  const orderId = randomUUID();
  const events: BusOrderEvent[] = [];
  for (const type of types) {
    events.push({
      id: randomUUID(),
      type,
      orderId,
      sequence: events.length + 1,
      previous: events.map((event) => ({ id: event.id, type: event.type })),
      occurredAt: at.toISOString(),
      payload: { orderId, customerId: order.customerId, status: type.slice('ORDER_'.length) },
      order: {
        kind: 'TRANSFER',
        amount: '100.00',
        channel: 'MOBILE_APP',
        productId: null,
        route: 'SAME_BANK',
        couponId: null,
        idempotencyKey: `bus-${orderId}`,
        failureCode: null,
        failureReason: null,
        requester: null,
        ...order,
      },
    });
  }
  return events;
}

/** Publishes in write order, `window` acknowledgements outstanding at a time. */
export async function publishAll(publisher: OrderEventPublisher, events: BusOrderEvent[], window = 500): Promise<void> {
  for (let start = 0; start < events.length; start += window) {
    await Promise.all(events.slice(start, start + window).map((event) => publisher.publish(event)));
  }
}

/**
 * Runs each consumer's passes, all at once, until its lag reads zero (nothing undelivered, nothing
 * unacknowledged); at most `maxPasses` passes each, so a stuck consumer fails the caller instead of hanging.
 */
export async function drain(consumers: OrderEventConsumer[], maxPasses = 10_000): Promise<void> {
  let failed = false;
  await Promise.all(
    consumers.map(async (consumer) => {
      for (let pass = 0; pass < maxPasses && !failed; pass++) {
        const lag = await consumer.lag();
        if (lag.pending === 0 && lag.ackPending === 0) return;
        await consumer.runOnce().catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
      if (failed) return;
      throw new Error(`consumer still behind after ${maxPasses} passes: ${JSON.stringify(await consumer.lag())}`);
    }),
  );
}

/** A gauge's value for one consumer, read from a registry's text exposition. */
export function gaugeValue(exposition: string, name: string, consumer: string): number | undefined {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`consumer="${consumer}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
