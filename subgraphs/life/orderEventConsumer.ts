/**
 * The life center on the order-event bus (with `NATS_URL`): the end of a bill payment's or top-up's
 * order settles or releases its row (service/orderEvents.ts, the event id recorded with the change).
 * Orders life did not ask for are acknowledged untouched.
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import { FINANCE_ORDER_END_EVENT_TYPES, financeOrderEventFromBus } from '../kit/financeOrderEvents';
import type { OrderEventApplier } from '../kit/orderEventBus/consumer';
import type { PrismaClient } from './__generated__/prisma/client';
import { applyFinanceOrderEvent } from './service/orderEvents';

export function lifeOrderEvents(prisma: PrismaClient, clock: Clock, log: Logger): OrderEventApplier {
  return {
    center: 'life',
    types: FINANCE_ORDER_END_EVENT_TYPES,
    concerns: (event) => event.order.requester === 'life',
    async appliedOf(eventIds) {
      const rows = await prisma.appliedOrderEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
      return new Set(rows.map((row) => row.eventId));
    },
    async apply(event) {
      await applyFinanceOrderEvent({ prisma, clock, log }, financeOrderEventFromBus(event));
    },
  };
}
