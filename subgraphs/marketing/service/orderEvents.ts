/**
 * Order events from finance's outbox, which delivers at least once. The event id is the primary
 * key of `order_event`: the insert, the points and the balance-change notice commit together, so a
 * redelivered event finds its row and does nothing again. Points also carry the order id as their
 * reference, so two events for one order cannot award twice either.
 */
import { fenToDecimal } from '../../kit/money';
import type { Channel, PrismaClient, ProductKind } from '../__generated__/prisma/client';
import { MessageRecord, storeMessage } from './messages';
import { applyPointsEntry } from './points';

/** One point per ten yuan of a completed order that spends money. */
export const FEN_PER_POINT = 10_00n;

/**
 * Money coming back to the customer (a redemption, a deposit withdrawal) earns nothing: otherwise
 * opening and withdrawing a deposit in a loop would mint points. Those orders still get a notice.
 */
const NON_EARNING_KINDS: ReadonlySet<string> = new Set(['WEALTH_REDEMPTION', 'DEPOSIT_WITHDRAWAL', 'LOAN_DISBURSEMENT']);

export interface OrderEvent {
  eventId: string;
  orderId: string;
  customerId: string;
  orderKind: string;
  status: string;
  amountFen: bigint;
  channel: Channel;
  productId?: string | null;
  occurredAt: Date;
}

export interface OrderEventOutcome {
  duplicate: boolean;
  pointsAwarded: number;
  /** The balance-change notice, when one was written now (the caller sends its SMS copy). */
  notice: MessageRecord | null;
}

const KIND_NAMES: Record<string, string> = {
  WEALTH_PURCHASE: '理财申购',
  WEALTH_REDEMPTION: '理财赎回',
  DEPOSIT_OPEN: '定期存入',
  DEPOSIT_WITHDRAWAL: '定期支取',
  BILL_PAYMENT: '生活缴费',
  TOP_UP: '话费充值',
  TRANSFER: '转账',
  LOAN_REPAYMENT: '贷款还款',
  LOAN_DISBURSEMENT: '贷款放款',
};

export async function handleOrderEvent(prisma: PrismaClient, event: OrderEvent, now: Date): Promise<OrderEventOutcome> {
  return prisma.$transaction(async (tx) => {
    const product = event.productId ? await tx.recommendableProduct.findUnique({ where: { productId: event.productId } }) : null;
    const productKind: ProductKind | null = product?.kind ?? null;
    const inserted = await tx.$executeRaw`
      INSERT INTO order_event (event_id, order_id, customer_id, order_kind, status, product_id, product_kind, amount, channel, occurred_at, event_day)
      VALUES (${event.eventId}, ${event.orderId}, ${event.customerId}, ${event.orderKind}, ${event.status}, ${event.productId ?? null},
              ${productKind}::"ProductKind", ${event.amountFen}, ${event.channel}::"Channel", ${event.occurredAt},
              (${event.occurredAt}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)
      ON CONFLICT (event_id) DO NOTHING`;
    if (inserted === 0) {
      const handled = await tx.orderEvent.findUniqueOrThrow({ where: { eventId: event.eventId } });
      return { duplicate: true, pointsAwarded: handled.pointsAwarded, notice: null };
    }
    if (event.status !== 'COMPLETED') return { duplicate: false, pointsAwarded: 0, notice: null };

    const reference = `order:${event.orderId}`;
    const alreadyAwarded = await tx.pointsEntry.findUnique({
      where: { customerId_reference: { customerId: event.customerId, reference } },
    });
    const points = alreadyAwarded || NON_EARNING_KINDS.has(event.orderKind) ? 0 : Number(event.amountFen / FEN_PER_POINT);
    if (points > 0) {
      await applyPointsEntry(tx, {
        customerId: event.customerId,
        delta: points,
        reason: `${KIND_NAMES[event.orderKind] ?? '交易'}奖励`,
        reference,
        at: now,
      });
      await tx.orderEvent.update({ where: { eventId: event.eventId }, data: { pointsAwarded: points } });
    }
    const { message, created } = await storeMessage(
      tx,
      {
        customerId: event.customerId,
        kind: 'BALANCE_CHANGE',
        title: '动账通知',
        body: `您的${KIND_NAMES[event.orderKind] ?? '交易'}已完成，金额 ${fenToDecimal(event.amountFen)} 元${points > 0 ? `，获得 ${points} 积分` : ''}。`,
        // Per order, not per event: two events about one completed order notify once.
        dedupeKey: `order:${event.orderId}:completed`,
      },
      now,
    );
    return { duplicate: false, pointsAwarded: points, notice: created ? message : null };
  });
}
