import { isNewestFirstPosition, newestFirstPosition, NewestFirstPosition, Page } from '../../kit/connection';
import type { Order, PrismaClient } from '../__generated__/prisma/client';

export type OrderRecord = Order;
export interface UserReference {
  id: string;
}

/** A customer's orders: newest first; order ids are UUIDs or seed ids. */
export const isOrderPosition = isNewestFirstPosition(/^[A-Za-z0-9-]{1,64}$/);

export function findOrders(prisma: PrismaClient, ids: readonly string[]): Promise<Order[]> {
  return prisma.order.findMany({ where: { id: { in: [...ids] } } });
}

/** One page of a customer's orders (`take + 1` rows, to tell whether another page follows). */
export function findOrderPage(prisma: PrismaClient, ownerId: string, page: Page<NewestFirstPosition>): Promise<Order[]> {
  const after = page.after;
  return prisma.order.findMany({
    where: {
      ownerId,
      ...(after
        ? {
            OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}

export function positionOf(order: Order): NewestFirstPosition {
  return newestFirstPosition(order.createdAt, order.id);
}
