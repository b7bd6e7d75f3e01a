/**
 * The limits center on the order-event bus (with `NATS_URL`): the end of a loan repayment's order
 * applies or releases the repayment (service/credit/orderEvents.ts, the event id recorded with the
 * change). Orders this center did not ask for are acknowledged untouched.
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import { FINANCE_ORDER_END_EVENT_TYPES, financeOrderEventFromBus } from '../kit/financeOrderEvents';
import type { OrderEventApplier } from '../kit/orderEventBus/consumer';
import type { PrismaClient } from './__generated__/prisma/client';
import { applyFinanceOrderEvent } from './service/credit/orderEvents';

export function limitsOrderEvents(prisma: PrismaClient, clock: Clock, log: Logger): OrderEventApplier {
  return {
    center: 'limits',
    types: FINANCE_ORDER_END_EVENT_TYPES,
    concerns: (event) => event.order.requester === 'limits',
    async appliedOf(eventIds) {
      const rows = await prisma.appliedOrderEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
      return new Set(rows.map((row) => row.eventId));
    },
    async apply(event) {
      await applyFinanceOrderEvent({ prisma, clock, log }, financeOrderEventFromBus(event));
    },
  };
}
