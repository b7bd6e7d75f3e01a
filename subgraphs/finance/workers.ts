/** The finance center's background workers, run by startCenter (and driven by hand in tests). */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import type { CenterWorker } from '../kit/workers/centerWorker';
import type { PrismaClient } from './__generated__/prisma/client';
import { CompletedOrderFacts, EventSubscriber, OrderCoupon, defaultEventSubscribers } from './subscribers/orderEvents';
import { EndedOrderFacts, orderOutcomeSubscriber } from './subscribers/orderRequesters';
import { fenToDecimal } from '../kit/money';
import { createMoneyDeps } from './context';
import { runClearing } from './service/clearing';
import { runRedemptionSettlement } from './service/redemptionSettlement';
import { relayOutbox } from './service/outboxRelay';
import { publishOutbox } from './service/outboxPublisher';
import { orderEventBus } from '../../platform/config';
import { createOrderEventPublisher } from '../kit/orderEventBus/publisher';
import { sweepStuckOrders } from './service/recovery';

/** What the marketing subscriber needs about an order, read from this center's store. */
function orderFacts(prisma: PrismaClient) {
  return async (orderId: string): Promise<CompletedOrderFacts | null> => {
    const order = await prisma.order.findUnique({
      where: { id: orderId },
      select: { ownerId: true, kind: true, amount: true, channel: true, productId: true, route: true },
    });
    if (!order) return null;
    // The product bought, so marketing can count purchases per product kind (the funnel). Orders
    // keep it since product_id was added (the event may go out before the holding is written);
    // older purchases have it on their holding.
    const holding =
      order.kind === 'WEALTH_PURCHASE' && !order.productId
        ? await prisma.holding.findUnique({ where: { orderId }, select: { productId: true } })
        : null;
    return {
      customerId: order.ownerId,
      kind: order.kind,
      amount: fenToDecimal(order.amount),
      channel: order.channel,
      productId: order.productId ?? holding?.productId ?? null,
      route: order.route,
    };
  };
}

/** The coupon a purchase asked for, for the coupon-release subscriber. */
function orderCoupon(prisma: PrismaClient) {
  return async (orderId: string): Promise<OrderCoupon | null> => {
    const order = await prisma.order.findUnique({ where: { id: orderId }, select: { ownerId: true, couponId: true } });
    return order ? { customerId: order.ownerId, couponId: order.couponId } : null;
  };
}

/** What the center that created an order needs to find its row and record the outcome. */
function endedOrderFacts(prisma: PrismaClient) {
  return async (orderId: string): Promise<EndedOrderFacts | null> => {
    const order = await prisma.order.findUnique({
      where: { id: orderId },
      select: { ownerId: true, kind: true, idempotencyKey: true, failureCode: true, failureReason: true },
    });
    return order && { customerId: order.ownerId, ...order };
  };
}

export function financeWorkers(prisma: PrismaClient, clock: Clock, log: Logger): CenterWorker[] {
  const deps = createMoneyDeps(prisma, { clock, log });
  const subscribers = [
    ...defaultEventSubscribers(clock, orderFacts(prisma), orderCoupon(prisma)),
    // Life's bill payments and top-ups, the limits center's loan repayments: settled or released when their order ends.
    orderOutcomeSubscriber(clock, endedOrderFacts(prisma)),
  ];
  return [
    { name: 'recovery', intervalMs: 5_000, runOnce: async () => (await sweepStuckOrders(deps)).leased },
    {
      name: 'clearing',
      intervalMs: 1_000,
      runOnce: async () => {
        const outcomes = await runClearing(deps);
        return outcomes.SETTLED + outcomes.RETURNED + outcomes.SKIPPED;
      },
    },
    {
      // T1 redemptions due for settlement (the next working day); the queue is the wealth_redemption table.
      name: 'redemptions',
      intervalMs: 1_000,
      runOnce: async () => {
        const outcomes = await runRedemptionSettlement(deps);
        return outcomes.SETTLED + outcomes.REJECTED + outcomes.CLOSED;
      },
    },
    outboxWorker(prisma, clock, log, subscribers),
  ];
}

/**
 * The outbox: with `NATS_URL`, published to the order-event stream (the consuming centers take it from
 * there); without, delivered by HTTP to each subscriber. A pass answers the events it finished
 * (delivered, published, or wanted by no subscriber) so the loop runs again at once while a backlog lasts.
 */
function outboxWorker(prisma: PrismaClient, clock: Clock, log: Logger, subscribers: EventSubscriber[]): CenterWorker {
  const bus = orderEventBus();
  if (!bus) {
    return {
      name: 'outbox',
      intervalMs: 500,
      runOnce: async () => {
        const outcome = await relayOutbox({ prisma, clock, log, subscribers });
        return outcome.delivered + outcome.skipped;
      },
    };
  }
  const publisher = createOrderEventPublisher(bus, log);
  return {
    name: 'outbox',
    intervalMs: 500,
    runOnce: async () => (await publishOutbox({ prisma, clock, log, bus: publisher })).delivered,
    stop: () => publisher.close(),
  };
}
