/**
 * The marketing center on the order-event bus (with `NATS_URL`), doing what finance's HTTP relay has it
 * do: ORDER_COMPLETED and ORDER_REVERSED award and take back points and write the balance-change notice
 * (service/orderEvents.ts: the event id is `order_event`'s key, recorded with the points), its SMS copy
 * sent after the commit; ORDER_REJECTED and ORDER_FAILED give a purchase's coupon back
 * (service/couponRelease.ts: idempotent per order, so not recorded by event id and never waited for).
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import { parseAmountToFen } from '../kit/money';
import type { OrderEventApplier } from '../kit/orderEventBus/consumer';
import type { Channel, PrismaClient } from './__generated__/prisma/client';
import { releaseCoupon } from './service/couponRelease';
import { sendSmsCopy } from './service/messages';
import { handleOrderEvent } from './service/orderEvents';
import { createLoggingSmsProvider, SmsProvider } from './service/sms';

const POINTS_STATUS: Readonly<Record<string, string>> = { ORDER_COMPLETED: 'COMPLETED', ORDER_REVERSED: 'REVERSED' };
const COUPON_RELEASING = ['ORDER_REJECTED', 'ORDER_FAILED'];

export function marketingOrderEvents(
  prisma: PrismaClient,
  clock: Clock,
  log: Logger,
  sms: SmsProvider = createLoggingSmsProvider(log),
): OrderEventApplier {
  return {
    center: 'marketing',
    types: [...Object.keys(POINTS_STATUS), ...COUPON_RELEASING],
    recordedTypes: Object.keys(POINTS_STATUS),
    async appliedOf(eventIds) {
      const rows = await prisma.orderEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
      return new Set(rows.map((row) => row.eventId));
    },
    async apply(event) {
      const { order } = event;
      if (COUPON_RELEASING.includes(event.type)) {
        if (order.couponId) await releaseCoupon(prisma, { couponId: order.couponId, customerId: order.customerId, orderId: event.orderId });
        return;
      }
      const outcome = await handleOrderEvent(
        prisma,
        {
          eventId: event.id,
          orderId: event.orderId,
          customerId: order.customerId,
          orderKind: order.kind,
          route: order.route,
          status: POINTS_STATUS[event.type]!,
          amountFen: parseAmountToFen(order.amount, ['order', 'amount'], { allowZero: true }),
          channel: order.channel as Channel,
          productId: order.productId,
          occurredAt: new Date(event.occurredAt),
        },
        clock.now(),
      );
      if (outcome.notice) {
        // After the commit: an SMS outage must not undo the points or the inbox message.
        await sendSmsCopy(prisma, sms, outcome.notice, clock.now()).catch((error: unknown) =>
          log.warn({ err: error }, 'balance-change SMS not sent'),
        );
      }
    },
  };
}
