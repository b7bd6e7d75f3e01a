/**
 * The daily reconciliation: for one Asia/Shanghai calendar day, matches this center's orders with
 * the account center's journal entries and the limits center's reservations, and reports every
 * mismatch (it repairs nothing: a mismatch is for an operator to look at).
 *
 * What each order status implies elsewhere:
 * | status                    | FORWARD entry                 | REVERSAL entry | reservation            |
 * |---------------------------|-------------------------------|----------------|------------------------|
 * | COMPLETED, POSTED         | posted, balanced, = amount    | none           | COMMITTED (POSTED: or RESERVED), = amount |
 * | REVERSED                  | posted                        | posted, = amount | RELEASED             |
 * | REJECTED, FAILED          | none or VOID                  | none           | none or RELEASED       |
 * | CREATED, RESERVED, CHALLENGE_REQUIRED | — an order still in flight is itself a mismatch at day end (except a T1 redemption due on a later day) |
 * Entry amounts are the order's amount plus a purchase's coupon discount (funded from MARKETING_EXPENSE).
 * A posted entry has the order's kind and as many postings as the order's route posts (`legsOf`: a
 * loan repayment's principal and interest are two credits, a zero part none).
 * A completed wealth purchase has its holding; a completed deposit opening has opened its deposit.
 * Redemptions, deposit withdrawals and loan disbursements pay into the customer's account and must have no reservation.
 * Entries and reservations of the day whose order id finance does not know are mismatches too.
 * An order another center asked for (life's bill payments and top-ups, the limits center's loan
 * repayments) that ended at least 10 minutes ago must have settled or released that center's row
 * (its order event was delivered): a row still PENDING there is `REQUESTER_ROW_PENDING`.
 */
import { shanghaiDayWindow } from '../../../platform/businessDay';
import { fenToDecimal } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import type { LedgerEntryView } from '../../account/client';
import type { ReservationView } from '../../limits/client';
import { PendingClaimsClient, createPendingClaimsClient, requesterOf } from '../subscribers/orderRequesters';
import type { CenterName } from '../../../platform/centers';
import { legsOf, takesLimit } from './advance';
import type { MoneyDeps } from './deps';

export interface ReconciliationMismatch {
  orderId: string;
  code: string;
  detail: string;
}

export interface ReconciliationReport {
  day: string;
  ordersChecked: number;
  entriesChecked: number;
  reservationsChecked: number;
  mismatches: ReconciliationMismatch[];
}

/** Entry kinds finance's orders post; other kinds (payroll, cash deposits) are not customer orders. */
const ORDER_ENTRY_KINDS = new Set([
  'TRANSFER',
  'TRANSFER_RETURN',
  'WEALTH_PURCHASE',
  'WEALTH_REDEMPTION',
  'DEPOSIT_OPEN',
  'DEPOSIT_WITHDRAWAL',
  'BILL_PAYMENT',
  'TOP_UP',
  'LOAN_REPAYMENT',
  'LOAN_DISBURSEMENT',
]);
const VOID_KIND = 'VOID';

/** How long after its order ended a requesting center's row may still be PENDING (its event on the way). */
export const REQUESTER_ROW_GRACE_MS = 10 * 60 * 1000;
const ENDED_STATUSES = new Set(['COMPLETED', 'REJECTED', 'FAILED', 'REVERSED']);

export async function reconcileDay(
  deps: MoneyDeps,
  day: string,
  claims: PendingClaimsClient = createPendingClaimsClient(deps.clock),
): Promise<ReconciliationReport> {
  const { from, to } = shanghaiDayWindow(day);
  const orders = await deps.prisma.order.findMany({ where: { createdAt: { gte: from, lt: to } } });
  const orderIds = orders.map((order) => order.id);
  const [entriesOfOrders, entriesOfDay, reservationsOfOrders, reservationsOfDay] = await Promise.all([
    deps.account.entriesOf(orderIds),
    deps.account.entriesPostedBetween(from, to),
    deps.limits.reservationsOf(orderIds),
    deps.limits.reservationsOfDay(day),
  ]);
  const mismatches: ReconciliationMismatch[] = [];
  const entriesByOrder = groupBy(entriesOfOrders, (entry) => entry.orderId);
  const reservationByOrder = new Map(reservationsOfOrders.map((reservation) => [reservation.orderId, reservation]));
  // T1 redemptions waiting for a settlement day after this one are on schedule, not stuck.
  const waiting = new Set(
    (
      await deps.prisma.wealthRedemption.findMany({
        where: { orderId: { in: orderIds }, settledAt: null, dueAt: { gte: to } },
        select: { orderId: true },
      })
    ).map((row) => row.orderId),
  );
  const completedIds = orders.filter((order) => order.status === 'COMPLETED').map((order) => order.id);
  const [held, opened] = await Promise.all([
    deps.prisma.holding.findMany({ where: { orderId: { in: completedIds } }, select: { orderId: true } }),
    deps.prisma.timeDeposit.findMany({
      where: { openOrderId: { in: completedIds }, openedAt: { not: null } },
      select: { openOrderId: true },
    }),
  ]);
  const withProduct = new Set([...held.map((row) => row.orderId), ...opened.map((row) => row.openOrderId)]);
  for (const order of orders) {
    mismatches.push(
      ...checkOrder(order, entriesByOrder.get(order.id) ?? [], reservationByOrder.get(order.id) ?? null, {
        awaitingSettlement: waiting.has(order.id),
        productWritten: withProduct.has(order.id),
      }),
    );
  }
  mismatches.push(...(await requesterRowsPending(deps, orders, claims)));
  // Entries and reservations of the day that no order explains (their order may be of another day: look it up).
  const known = new Set(orderIds);
  const strangers = [
    ...entriesOfDay.filter((entry) => ORDER_ENTRY_KINDS.has(entry.kind) && !known.has(entry.orderId)).map((entry) => entry.orderId),
    ...reservationsOfDay.filter((reservation) => !known.has(reservation.orderId)).map((reservation) => reservation.orderId),
  ];
  const existing = new Set(
    (await deps.prisma.order.findMany({ where: { id: { in: [...new Set(strangers)] } }, select: { id: true } })).map((order) => order.id),
  );
  for (const entry of entriesOfDay) {
    if (ORDER_ENTRY_KINDS.has(entry.kind) && !known.has(entry.orderId) && !existing.has(entry.orderId)) {
      mismatches.push({
        orderId: entry.orderId,
        code: 'ENTRY_WITHOUT_ORDER',
        detail: `${entry.phase} entry ${entry.entryId} (${entry.kind}, ${entry.amount}) has no order`,
      });
    }
  }
  for (const reservation of reservationsOfDay) {
    if (!known.has(reservation.orderId) && !existing.has(reservation.orderId)) {
      mismatches.push({
        orderId: reservation.orderId,
        code: 'RESERVATION_WITHOUT_ORDER',
        detail: `${reservation.status} reservation of ${reservation.amount} has no order`,
      });
    }
  }
  return {
    day,
    ordersChecked: orders.length,
    entriesChecked: new Set([...entriesOfOrders, ...entriesOfDay].map((entry) => entry.entryId)).size,
    reservationsChecked: new Set([...reservationsOfOrders, ...reservationsOfDay].map((r) => r.orderId)).size,
    mismatches,
  };
}

/**
 * Ended orders of the day that another center asked for, long enough ago that their event has been
 * delivered, whose row there is still PENDING. Each center is asked once, and only when it has such orders.
 */
async function requesterRowsPending(deps: MoneyDeps, orders: Order[], claims: PendingClaimsClient): Promise<ReconciliationMismatch[]> {
  const now = deps.clock.now().getTime();
  const byCenter = new Map<CenterName, Map<string, Order>>();
  for (const order of orders) {
    const center = requesterOf(order);
    const endedAt = order.completedAt ?? order.updatedAt;
    if (!center || !ENDED_STATUSES.has(order.status) || now - endedAt.getTime() < REQUESTER_ROW_GRACE_MS) continue;
    byCenter.set(center, (byCenter.get(center) ?? new Map<string, Order>()).set(order.idempotencyKey, order));
  }
  const found: ReconciliationMismatch[] = [];
  for (const [center, byKey] of byCenter) {
    for (const key of await claims.pendingOf(center, [...byKey.keys()])) {
      const order = byKey.get(key);
      if (!order) continue;
      const minutes = Math.floor((now - (order.completedAt ?? order.updatedAt).getTime()) / 60_000);
      found.push({
        orderId: order.id,
        code: 'REQUESTER_ROW_PENDING',
        detail: `${center} row for ${order.kind} order (key ${key}) is still PENDING ${minutes} min after the order ended ${order.status}`,
      });
    }
  }
  return found;
}

export interface OrderContext {
  /** A T1 redemption due on a later day. */
  awaitingSettlement?: boolean;
  /** The holding (wealth purchase) or the opened deposit (deposit opening) of a completed order exists. */
  productWritten?: boolean;
}

/** Completed orders of these kinds own a product row written with their COMPLETED status. */
const PRODUCT_ROW: Record<string, string> = { WEALTH_PURCHASE: 'MISSING_HOLDING', DEPOSIT_OPEN: 'DEPOSIT_NOT_OPENED' };

export function checkOrder(
  order: Order,
  entries: LedgerEntryView[],
  reservation: ReservationView | null,
  context: OrderContext = {},
): ReconciliationMismatch[] {
  const found: ReconciliationMismatch[] = [];
  const report = (code: string, detail: string) => found.push({ orderId: order.id, code, detail });
  const forward = entries.find((entry) => entry.phase === 'FORWARD' && entry.kind !== VOID_KIND) ?? null;
  const reversal = entries.find((entry) => entry.phase === 'REVERSAL') ?? null;
  for (const entry of entries) {
    if (entry.kind !== VOID_KIND && toFen(entry.total) !== 0n)
      report('UNBALANCED_ENTRY', `${entry.phase} entry ${entry.entryId} sums to ${entry.total}`);
  }
  const posted = order.status === 'COMPLETED' || order.status === 'POSTED' || order.status === 'REVERSED';
  if (['CREATED', 'RESERVED', 'CHALLENGE_REQUIRED'].includes(order.status) && !context.awaitingSettlement)
    report('ORDER_NOT_FINISHED', `order is still ${order.status}`);
  // A coupon-discounted purchase moves the full price: the customer's part (the order's amount) plus marketing's.
  const entryAmount = order.amount + order.discount;
  if (posted) {
    if (!forward) report('MISSING_ENTRY', `${order.status} order has no posted entry`);
    else {
      if (toFen(forward.amount) !== entryAmount) report('AMOUNT_MISMATCH', `entry moved ${forward.amount}, order is ${fen(entryAmount)}`);
      if (order.entryId && order.entryId !== forward.entryId)
        report('ENTRY_ID_MISMATCH', `order points at ${order.entryId}, ledger has ${forward.entryId}`);
      if (forward.kind !== order.kind) report('ENTRY_KIND_MISMATCH', `entry is ${forward.kind}, order is ${order.kind}`);
      const legs = legsOf(order).length;
      if (forward.postingCount !== legs)
        report('POSTING_COUNT_MISMATCH', `entry has ${forward.postingCount} postings, a ${order.route ?? order.kind} order posts ${legs}`);
    }
  } else if (forward && !['CREATED', 'RESERVED'].includes(order.status)) {
    report('UNEXPECTED_ENTRY', `${order.status} order has posted entry ${forward.entryId}`);
  }
  const productMismatch = PRODUCT_ROW[order.kind];
  if (order.status === 'COMPLETED' && productMismatch && context.productWritten === false) {
    report(productMismatch, `completed ${order.kind} order has no ${order.kind === 'WEALTH_PURCHASE' ? 'holding' : 'opened deposit'}`);
  }
  if (order.status === 'REVERSED') {
    if (!reversal) report('MISSING_REVERSAL', 'reversed order has no reversal entry');
    else if (toFen(reversal.amount) !== order.amount)
      report('AMOUNT_MISMATCH', `reversal moved ${reversal.amount}, order is ${fen(order.amount)}`);
  } else if (reversal) {
    report('UNEXPECTED_REVERSAL', `${order.status} order has reversal entry ${reversal.entryId}`);
  }
  // Limits: every order that reached the limits center keeps one reservation of its amount.
  const expected: Record<string, ReservationView['status'][]> = {
    COMPLETED: ['COMMITTED'],
    POSTED: ['COMMITTED', 'RESERVED'],
    REVERSED: ['RELEASED'],
    REJECTED: ['RELEASED'],
    FAILED: ['RELEASED'],
  };
  const allowed = expected[order.status];
  if (reservation && !takesLimit(order)) {
    report(
      'UNEXPECTED_RESERVATION',
      `${order.kind} order pays into the customer's account and takes no limit, but has a ${reservation.status} reservation`,
    );
  } else if (reservation) {
    if (toFen(reservation.amount) !== order.amount)
      report('RESERVATION_AMOUNT_MISMATCH', `reserved ${reservation.amount}, order is ${fen(order.amount)}`);
    if (allowed && !allowed.includes(reservation.status))
      report('RESERVATION_STATUS_MISMATCH', `${order.status} order has a ${reservation.status} reservation`);
  } else if (order.kind === 'TRANSFER' && posted) {
    report('MISSING_RESERVATION', `${order.status} transfer has no limit reservation`);
  }
  return found;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const fen = fenToDecimal;

/** A center's decimal string (`"-12.30"`, `"0.00"`) as signed fen. */
function toFen(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new RangeError(`not an amount: ${value}`);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}
