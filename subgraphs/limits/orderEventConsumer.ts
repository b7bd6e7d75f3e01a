/**
 * The limits center on the order-event bus (with `NATS_URL`): the end of a loan repayment's order
 * applies or releases the repayment (service/credit/orderEvents.ts, the event id recorded with the change).
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/observability/logger';
import { requesterOrderEvents } from '../kit/financeOrderEvents';
import type { OrderEventApplier } from '../kit/orderEventBus/consumer';
import type { PrismaClient } from './__generated__/prisma/client';
import { applyFinanceOrderEvent } from './service/credit/orderEvents';

export function limitsOrderEvents(prisma: PrismaClient, clock: Clock, log: Logger): OrderEventApplier {
  return requesterOrderEvents('limits', {
    async appliedOf(eventIds) {
      const rows = await prisma.appliedOrderEvent.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } });
      return new Set(rows.map((row) => row.eventId));
    },
    apply: (event) => applyFinanceOrderEvent({ prisma, clock, log }, event),
  });
}
