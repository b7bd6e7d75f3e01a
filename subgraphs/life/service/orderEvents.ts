/**
 * Finance's order events, applied to the rows that asked for those orders. A bill payment or a
 * top-up whose caller lost finance's answer (a timeout, an outage mid-way) stays PENDING; when its
 * order ends, finance's outbox relay tells this center, and:
 * - COMPLETED settles it (the payment COMPLETED and its bill PAID by the order, the top-up
 *   COMPLETED), exactly as the answer to payBill/topUp would have;
 * - REJECTED, FAILED or REVERSED releases it (REJECTED with the order's failure code), so the
 *   one-live-payment-per-bill claim is free and a new key can pay.
 * The row is found by the key life gave finance (`billpay-<payment id>`, `topup-<top-up id>`).
 * Delivery is at least once: the event id is recorded with its effect in one transaction, and a
 * known id changes nothing; the updates are compare-and-sets from PENDING besides, so a request
 * that settles the same row at the same time cannot apply it twice.
 */
import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/observability/logger';
import type { Prisma, PrismaClient } from '../__generated__/prisma/client';
import type { FinanceOrderEvent } from '../../kit/financeOrderEvents';

export interface OrderEventDeps {
  prisma: PrismaClient;
  clock: Clock;
  log: Logger;
}

type Claim = { table: 'billPayment' | 'topUp'; id: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CLAIM_KEY = new RegExp(`^(billpay|topup)-(${UUID})$`);

/** The life row a finance idempotency key names, or null for a key life did not write. */
export function claimOfKey(orderKey: string): Claim | null {
  const match = CLAIM_KEY.exec(orderKey);
  if (!match) return null;
  return { table: match[1] === 'billpay' ? 'billPayment' : 'topUp', id: match[2]! };
}

/** True when this event changed a row; false for a redelivery, or an order no life row asked for. */
export async function applyFinanceOrderEvent(deps: OrderEventDeps, event: FinanceOrderEvent): Promise<boolean> {
  const claim = claimOfKey(event.orderKey);
  const now = deps.clock.now();
  const applied = await deps.prisma.$transaction(async (tx) => {
    const recorded = await tx.appliedOrderEvent.createMany({
      data: [{ eventId: event.eventId, orderId: event.orderId, appliedAt: now }],
      skipDuplicates: true,
    });
    if (recorded.count === 0 || !claim) return false;
    return claim.table === 'billPayment' ? applyToBillPayment(tx, claim.id, event, now) : applyToTopUp(tx, claim.id, event, now);
  });
  if (applied) {
    deps.log.info(
      { event: 'life.order-event.applied', orderId: event.orderId, status: event.status, row: claim?.id },
      'finance order outcome applied',
    );
  }
  return applied;
}

function outcomeOf(event: FinanceOrderEvent) {
  if (event.status === 'COMPLETED') return { status: 'COMPLETED' as const, failureCode: null, failureReason: null };
  return {
    status: 'REJECTED' as const,
    failureCode: event.failureCode ?? `ORDER_${event.status}`,
    failureReason: event.failureReason ?? null,
  };
}

async function applyToBillPayment(tx: Prisma.TransactionClient, id: string, event: FinanceOrderEvent, now: Date): Promise<boolean> {
  const outcome = outcomeOf(event);
  // The customer check keeps an event from touching another customer's row, whatever its key says.
  const moved = await tx.billPayment.updateMany({
    where: { id, customerId: event.customerId, status: 'PENDING' },
    data: { ...outcome, orderId: event.orderId, updatedAt: now },
  });
  if (moved.count === 0) return false;
  if (outcome.status === 'COMPLETED') {
    const payment = await tx.billPayment.findUniqueOrThrow({ where: { id } });
    await tx.bill.updateMany({ where: { id: payment.billId, status: 'UNPAID' }, data: { status: 'PAID', paidByOrderId: event.orderId } });
  }
  return true;
}

async function applyToTopUp(tx: Prisma.TransactionClient, id: string, event: FinanceOrderEvent, now: Date): Promise<boolean> {
  const moved = await tx.topUp.updateMany({
    where: { id, customerId: event.customerId, status: 'PENDING' },
    data: { ...outcomeOf(event), orderId: event.orderId, updatedAt: now },
  });
  return moved.count > 0;
}

/** Of the given finance keys, those whose life row is still PENDING (for finance's daily reconciliation). */
export async function pendingClaims(prisma: PrismaClient, orderKeys: readonly string[]): Promise<string[]> {
  const claims = orderKeys.map((key) => ({ key, claim: claimOfKey(key) }));
  const ids = (table: Claim['table']) => claims.filter(({ claim }) => claim?.table === table).map(({ claim }) => claim!.id);
  const [payments, topUps] = await Promise.all([
    prisma.billPayment.findMany({ where: { id: { in: ids('billPayment') }, status: 'PENDING' }, select: { id: true } }),
    prisma.topUp.findMany({ where: { id: { in: ids('topUp') }, status: 'PENDING' }, select: { id: true } }),
  ]);
  const pending = new Set([...payments, ...topUps].map((row) => row.id));
  return claims.filter(({ claim }) => claim && pending.has(claim.id)).map(({ key }) => key);
}
