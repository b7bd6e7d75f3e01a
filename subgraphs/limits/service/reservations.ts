/**
 * Limit reservations: every money-movement order reserves its amount against the customer's
 * limits before money moves (reserve → commit when posted, or release when it fails or is
 * returned). One row per order id, so each step is idempotent.
 *
 * Concurrency: checking the totals and inserting the reservation happen in one transaction under
 * a PostgreSQL transaction-scoped advisory lock per customer, so two concurrent orders of the same
 * customer are serialised and can never both pass a limit that only one of them fits (no Redis:
 * only the database guards money rules). Channel limits are per customer, class limits per
 * account, and every account belongs to one customer, so one lock covers both.
 */
import type { LimitReservation, PrismaClient } from '../__generated__/prisma/client';
import { businessDayDate, businessYearStart } from './businessDay';
import { AccountClassName, LimitChannel, channelLimitsOf } from './effectiveLimits';
import { findBankLimitRules, findCustomerLimitsOf, toCustomerLimitSetting } from './limitRules';

export interface ReservationRequest {
  orderId: string;
  customerId: string;
  accountId: string;
  accountClass: AccountClassName;
  /** False for a payment to the paying account's own bound class I account (outside class limits). */
  countsToClassLimit: boolean;
  channel: LimitChannel;
  amount: bigint;
  at: Date;
}

export type ReservationOutcome =
  | { ok: true; reservation: LimitReservation }
  | { ok: false; limit: string; reason: string };

const ACTIVE = ['RESERVED', 'COMMITTED'] as const;

const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

export async function reserveLimit(prisma: PrismaClient, request: ReservationRequest): Promise<ReservationOutcome> {
  const existing = await prisma.limitReservation.findUnique({ where: { orderId: request.orderId } });
  if (existing) return { ok: true, reservation: existing };
  const rules = await findBankLimitRules(prisma);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`limits:${request.customerId}`}, 0))`;
    // A concurrent retry of the same order may have reserved while we waited for the lock.
    const raced = await tx.limitReservation.findUnique({ where: { orderId: request.orderId } });
    if (raced) return { ok: true as const, reservation: raced };

    const customerLimits = (await findCustomerLimitsOf(tx as unknown as PrismaClient, [request.customerId])).map(toCustomerLimitSetting);
    const channelLimits = channelLimitsOf(request.channel, rules, customerLimits);
    const day = businessDayDate(request.at);
    const refusal = (limit: string, reason: string) => ({ ok: false as const, limit, reason });

    const single = channelLimits.find((limit) => limit.period === 'SINGLE');
    if (single && request.amount > single.amountFen) return refusal(`${request.channel}_SINGLE`, `超过单笔限额 ${yuan(single.amountFen)} 元`);

    const daily = channelLimits.find((limit) => limit.period === 'DAILY');
    if (daily) {
      const [used] = await tx.$queryRaw<{ total: bigint }[]>`
        SELECT coalesce(sum(amount), 0)::bigint AS total FROM limit_reservation
         WHERE customer_id = ${request.customerId} AND channel = ${request.channel}::"Channel"
           AND business_day = ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])`;
      if (used!.total + request.amount > daily.amountFen) return refusal(`${request.channel}_DAILY`, `超过当日累计限额 ${yuan(daily.amountFen)} 元`);
    }

    if (request.countsToClassLimit && request.accountClass !== 'I') {
      const classRules = rules.filter((rule) => rule.scope === 'ACCOUNT_CLASS' && rule.accountClass === request.accountClass);
      for (const rule of classRules) {
        if (rule.period !== 'DAILY' && rule.period !== 'YEARLY') continue;
        const from = rule.period === 'DAILY' ? day : businessYearStart(request.at);
        const [used] = await tx.$queryRaw<{ total: bigint }[]>`
          SELECT coalesce(sum(amount), 0)::bigint AS total FROM limit_reservation
           WHERE account_id = ${request.accountId} AND counts_to_class_limit
             AND business_day >= ${from}::date AND business_day <= ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])`;
        if (used!.total + request.amount > rule.amount) {
          const what = rule.period === 'DAILY' ? '当日' : '年度';
          return refusal(`CLASS_${request.accountClass}_${rule.period}`, `${request.accountClass}类户${what}非绑定账户转出累计不得超过 ${yuan(rule.amount)} 元`);
        }
      }
    }

    const reservation = await tx.limitReservation.create({
      data: {
        orderId: request.orderId,
        customerId: request.customerId,
        accountId: request.accountId,
        accountClass: request.accountClass,
        channel: request.channel,
        amount: request.amount,
        countsToClassLimit: request.countsToClassLimit,
        businessDay: day,
        reservedAt: request.at,
      },
    });
    return { ok: true as const, reservation };
  });
}

/** The order posted: the usage stays. Idempotent; a released reservation stays released. */
export async function commitReservation(prisma: PrismaClient, orderId: string, at: Date): Promise<LimitReservation | null> {
  await prisma.limitReservation.updateMany({ where: { orderId, status: 'RESERVED' }, data: { status: 'COMMITTED', committedAt: at } });
  return prisma.limitReservation.findUnique({ where: { orderId } });
}

/** The order failed or its money came back: the usage is given back, once. */
export async function releaseReservation(prisma: PrismaClient, orderId: string, at: Date): Promise<LimitReservation | null> {
  await prisma.limitReservation.updateMany({ where: { orderId, status: { in: ['RESERVED', 'COMMITTED'] } }, data: { status: 'RELEASED', releasedAt: at } });
  return prisma.limitReservation.findUnique({ where: { orderId } });
}

export function findReservations(prisma: PrismaClient, orderIds: readonly string[]): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { orderId: { in: [...orderIds] } } });
}

/** Every reservation counting in the business day `YYYY-MM-DD` (Asia/Shanghai), for reconciliation. */
export function findReservationsOfDay(prisma: PrismaClient, day: string): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { businessDay: new Date(`${day}T00:00:00.000Z`) }, orderBy: { reservedAt: 'asc' } });
}
