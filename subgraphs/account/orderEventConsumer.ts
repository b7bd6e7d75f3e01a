/**
 * The account center on the order-event bus (with `NATS_URL`): ORDER_COMPLETED and ORDER_REVERSED write
 * the order's balance notices, exactly as finance's HTTP relay has them applied (service/orderEvents.ts:
 * the handled event id and its notices in one statement).
 */
import type { Clock } from '../../platform/clock';
import type { OrderEventApplier } from '../kit/orderEventBus/consumer';
import type { PrismaClient } from './__generated__/prisma/client';
import { applyOrderEvent } from './service/orderEvents';

export function accountOrderEvents(prisma: PrismaClient, clock: Clock): OrderEventApplier {
  return {
    center: 'account',
    types: ['ORDER_COMPLETED', 'ORDER_REVERSED'],
    async appliedOf(eventIds) {
      const rows = await prisma.handledEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
      return new Set(rows.map((row) => row.eventId));
    },
    async apply(event) {
      await applyOrderEvent(prisma, { id: event.id, type: event.type, orderId: event.orderId, source: 'finance', at: clock.now() });
    },
  };
}
