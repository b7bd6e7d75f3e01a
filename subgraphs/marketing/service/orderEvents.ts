/**
 * Order events from finance's outbox, which delivers at least once. The event id is the primary
 * key of `order_event`: the insert, the points and the balance-change notice commit together, so a
 * redelivered event finds its row and does nothing again. Points also carry the order id as their
 * reference, so two events for one order cannot award twice either.
 *
 * What a completed order earns comes from the earning table (earning.ts). A reversed order gives
 * back exactly what its points entry recorded, whatever the table says by then; an order reversed
 * before its completion arrived earns nothing.
 */
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { shanghaiDay } from '../../../platform/businessDay';
import { fenToDecimal } from '../../kit/money';
import type { Channel, Prisma, PrismaClient, ProductKind } from '../__generated__/prisma/client';
import { EARNING_TABLE, EarningRule, pointsEarned } from './earning';
import { MessageRecord, storeMessage } from './messages';
import { applyPointsEntry } from './points';

export interface OrderEvent {
  eventId: string;
  orderId: string;
  customerId: string;
  orderKind: string;
  /** A transfer's route (OWN, SAME_BANK, OTHER_BANK): a transfer between one's own accounts earns nothing. */
  route?: string | null;
  /** COMPLETED earns, REVERSED takes back what the order earned; anything else is recorded only. */
  status: string;
  amountFen: bigint;
  channel: Channel;
  productId?: string | null;
  occurredAt: Date;
}

export interface OrderEventOutcome {
  duplicate: boolean;
  /** Points this event added (a completion) or, negative, took back (a reversal). */
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

export async function handleOrderEvent(
  prisma: PrismaClient,
  event: OrderEvent,
  now: Date,
  table: readonly EarningRule[] = EARNING_TABLE,
): Promise<OrderEventOutcome> {
  return prisma.$transaction(async (tx) => {
    const product = event.productId ? await tx.recommendableProduct.findUnique({ where: { productId: event.productId } }) : null;
    const productKind: ProductKind | null = product?.kind ?? null;
    const inserted = await tx.$executeRaw`
      INSERT INTO order_event (event_id, order_id, customer_id, order_kind, status, product_id, product_kind, amount, channel, occurred_at, event_day)
      VALUES (${event.eventId}, ${event.orderId}, ${event.customerId}, ${event.orderKind}, ${event.status}, ${event.productId ?? null},
              ${productKind}::"ProductKind", ${event.amountFen}, ${event.channel}::"Channel", ${event.occurredAt},
              ${shanghaiDay(event.occurredAt)}::date)
      ON CONFLICT (event_id) DO NOTHING`;
    if (inserted === 0) {
      const handled = await tx.orderEvent.findUniqueOrThrow({ where: { eventId: event.eventId } });
      return { duplicate: true, pointsAwarded: handled.pointsAwarded, notice: null };
    }
    if (event.status === 'REVERSED') return { duplicate: false, pointsAwarded: -(await takeBackPoints(tx, event, now)), notice: null };
    if (event.status !== 'COMPLETED') return { duplicate: false, pointsAwarded: 0, notice: null };

    const reference = earnedReference(event.orderId);
    const alreadyAwarded = await tx.pointsEntry.findUnique({
      where: { customerId_reference: { customerId: event.customerId, reference } },
    });
    const reversedBefore = await tx.orderEvent.findFirst({
      where: { customerId: event.customerId, orderId: event.orderId, status: 'REVERSED' },
      select: { eventId: true },
    });
    const points = alreadyAwarded || reversedBefore ? 0 : pointsEarned(table, event);
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
    // Events of one customer's orders queue on their points row.
  }, QUEUED_TRANSACTION);
}

/** The reference of the points an order earned; its reversal's is `<reference>:reversal`. */
function earnedReference(orderId: string): string {
  return `order:${orderId}`;
}

/**
 * Takes back what the order's points entry gave, once per order (a second REVERSED event for it,
 * under another event id, finds the first one's row). The balance row is locked first; points the
 * customer has already spent cannot be taken below zero (`CHECK balance >= 0`), so at most the
 * balance is taken — the entry's reason says how much was due. Answers the points taken.
 */
async function takeBackPoints(tx: Prisma.TransactionClient, event: OrderEvent, now: Date): Promise<number> {
  const reference = earnedReference(event.orderId);
  const earned = await tx.pointsEntry.findUnique({ where: { customerId_reference: { customerId: event.customerId, reference } } });
  if (!earned || earned.delta <= 0) return 0;
  const reversals = await tx.orderEvent.count({ where: { customerId: event.customerId, orderId: event.orderId, status: 'REVERSED' } });
  if (reversals > 1) return 0;
  const [account] = await tx.$queryRaw<{ balance: number }[]>`
    SELECT balance FROM points_account WHERE customer_id = ${event.customerId} FOR UPDATE`;
  const taken = Math.min(earned.delta, account?.balance ?? 0);
  if (taken > 0) {
    const kind = KIND_NAMES[event.orderKind] ?? '交易';
    await applyPointsEntry(tx, {
      customerId: event.customerId,
      delta: -taken,
      reason: taken === earned.delta ? `${kind}冲正，扣回奖励积分` : `${kind}冲正，扣回奖励积分（应扣 ${earned.delta}，余额仅 ${taken}）`,
      reference: `${reference}:reversal`,
      at: now,
    });
  }
  await tx.orderEvent.update({ where: { eventId: event.eventId }, data: { pointsAwarded: -taken } });
  return taken;
}
