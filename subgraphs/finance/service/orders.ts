import type { Page } from '../../kit/connection';
import type { Order, PrismaClient } from '../__generated__/prisma/client';

export type OrderRecord = Order;
export interface UserReference {
  id: string;
}

/** Position of an order in a customer's history: newest first, ties broken by id. */
export interface OrderPosition {
  t: string;
  id: string;
}

export function isOrderPosition(value: unknown): value is OrderPosition {
  const position = value as Partial<OrderPosition>;
  return (
    typeof position.t === 'string' &&
    !Number.isNaN(Date.parse(position.t)) &&
    typeof position.id === 'string' &&
    /^[A-Za-z0-9-]{1,64}$/.test(position.id)
  );
}

export function findOrders(prisma: PrismaClient, ids: readonly string[]): Promise<Order[]> {
  return prisma.order.findMany({ where: { id: { in: [...ids] } } });
}

/** One page of a customer's orders (`take + 1` rows, to tell whether another page follows). */
export function findOrderPage(prisma: PrismaClient, ownerId: string, page: Page<OrderPosition>): Promise<Order[]> {
  const after = page.after;
  return prisma.order.findMany({
    where: {
      ownerId,
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after.t) } },
              { createdAt: new Date(after.t), id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export function positionOf(order: Order): OrderPosition {
  return { t: order.createdAt.toISOString(), id: order.id };
}
