/**
 * Limit reservations: every money-movement order reserves its amount against the customer's
 * limits before money moves (reserve → commit when posted, or release when it fails or is
 * returned). One row per order id, so each step is idempotent.
 *
 * Concurrency: checking the totals and inserting the reservation happen in one transaction under
 * a PostgreSQL transaction-scoped advisory lock per customer, so two concurrent orders of the same
 * customer are serialised and can never both pass a limit that only one of them fits (no Redis:
 * only the database guards money rules). Channel limits are per customer, class limits per
 * account, and every account belongs to one customer, so one lock covers both. The lock is held
 * for three round trips (one read, the insert, the commit); commit and release are one statement.
 */
import type { LimitReservation, PrismaClient } from '../__generated__/prisma/client';
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { dayAsDate, shanghaiDayDate, shanghaiYearStart } from '../../../platform/businessDay';
import { AccountClassName, BankLimitRule, CustomerLimitSetting, LimitChannel, channelLimitsOf } from './effectiveLimits';

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

export type ReservationOutcome = { ok: true; reservation: LimitReservation } | { ok: false; limit: string; reason: string };

const ACTIVE = ['RESERVED', 'COMMITTED'] as const;

const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/** What one reservation is checked against, read in ONE statement once the customer's lock is held. */
interface ReservationFacts {
  existing_id: string | null;
  rules: {
    scope: BankLimitRule['scope'];
    accountClass: BankLimitRule['accountClass'];
    channel: BankLimitRule['channel'];
    period: BankLimitRule['period'];
    amount: string;
  }[];
  customer_limits: { channel: CustomerLimitSetting['channel']; period: CustomerLimitSetting['period']; amount: string }[];
  channel_day_used: bigint;
  class_day_used: bigint;
  class_year_used: bigint;
}

/**
 * Round trips inside the lock are what serialises one customer's concurrent orders, so the
 * transaction is: lock, one read of everything the checks need, the insert, commit. The read is
 * its own statement AFTER the lock statement: under READ COMMITTED each statement takes a new
 * snapshot, so it sees every reservation the previous holder of the lock committed.
 */
export async function reserveLimit(prisma: PrismaClient, request: ReservationRequest): Promise<ReservationOutcome> {
  const day = shanghaiDayDate(request.at);
  const yearStart = shanghaiYearStart(request.at);
  // Class totals only matter for a class II/III payment outside the bound account; otherwise they are not read.
  const classCounts = request.countsToClassLimit && request.accountClass !== 'I';
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`limits:${request.customerId}`}, 0))`;
    const [facts] = await tx.$queryRaw<ReservationFacts[]>`
      SELECT
        (SELECT id FROM limit_reservation WHERE order_id = ${request.orderId}) AS existing_id,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('scope', scope, 'accountClass', account_class, 'channel', channel,
                                                      'period', period, 'amount', amount::text) ORDER BY id), '[]'::jsonb)
           FROM limit_rule) AS rules,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', own.channel, 'period', own.period, 'amount', own.amount::text)), '[]'::jsonb)
           FROM (SELECT channel::text AS channel, period, amount FROM customer_limit WHERE customer_id = ${request.customerId}
                 UNION ALL
                 SELECT 'ALL', period, amount FROM customer_all_channel_limit WHERE customer_id = ${request.customerId}) own) AS customer_limits,
        (SELECT coalesce(sum(amount), 0)::bigint FROM limit_reservation
          WHERE customer_id = ${request.customerId} AND channel = ${request.channel}::"Channel"
            AND business_day = ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])) AS channel_day_used,
        class_used.day AS class_day_used, class_used.year AS class_year_used
      FROM (SELECT coalesce(sum(amount) FILTER (WHERE business_day = ${day}::date), 0)::bigint AS day, coalesce(sum(amount), 0)::bigint AS year
              FROM limit_reservation
             WHERE ${classCounts}::boolean AND account_id = ${request.accountId} AND counts_to_class_limit
               AND business_day >= ${yearStart}::date AND business_day <= ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])) class_used`;
    // A retry of the same order (or a concurrent one that held the lock first): the first reservation stands.
    if (facts!.existing_id)
      return { ok: true as const, reservation: await tx.limitReservation.findUniqueOrThrow({ where: { orderId: request.orderId } }) };

    const refusal = refusalOf(request, facts!);
    if (refusal) return refusal;
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
  }, QUEUED_TRANSACTION);
}

/** The first limit the request would pass, checked in order: channel single, channel daily, class daily/yearly. */
function refusalOf(request: ReservationRequest, facts: ReservationFacts): { ok: false; limit: string; reason: string } | null {
  const rules: BankLimitRule[] = facts.rules.map((rule) => ({ ...rule, amount: BigInt(rule.amount) }));
  const customerLimits: CustomerLimitSetting[] = facts.customer_limits.map((limit) => ({ ...limit, amount: BigInt(limit.amount) }));
  const channelLimits = channelLimitsOf(request.channel, rules, customerLimits);
  const refusal = (limit: string, reason: string) => ({ ok: false as const, limit, reason });

  const single = channelLimits.find((limit) => limit.period === 'SINGLE');
  if (single && request.amount > single.amountFen) return refusal(`${request.channel}_SINGLE`, `超过单笔限额 ${yuan(single.amountFen)} 元`);

  const daily = channelLimits.find((limit) => limit.period === 'DAILY');
  if (daily && BigInt(facts.channel_day_used) + request.amount > daily.amountFen)
    return refusal(`${request.channel}_DAILY`, `超过当日累计限额 ${yuan(daily.amountFen)} 元`);

  if (request.countsToClassLimit && request.accountClass !== 'I') {
    for (const rule of rules) {
      if (rule.scope !== 'ACCOUNT_CLASS' || rule.accountClass !== request.accountClass) continue;
      if (rule.period !== 'DAILY' && rule.period !== 'YEARLY') continue;
      const used = BigInt(rule.period === 'DAILY' ? facts.class_day_used : facts.class_year_used);
      if (used + request.amount > rule.amount) {
        const what = rule.period === 'DAILY' ? '当日' : '年度';
        return refusal(
          `CLASS_${request.accountClass}_${rule.period}`,
          `${request.accountClass}类户${what}非绑定账户转出累计不得超过 ${yuan(rule.amount)} 元`,
        );
      }
    }
  }
  return null;
}

/** A reservation row as `RETURNING *` gives it, in the model's shape. */
interface ReservationRow {
  id: string;
  order_id: string;
  customer_id: string;
  account_id: string;
  account_class: LimitReservation['accountClass'];
  channel: LimitReservation['channel'];
  amount: bigint;
  counts_to_class_limit: boolean;
  status: LimitReservation['status'];
  business_day: Date;
  reserved_at: Date;
  committed_at: Date | null;
  released_at: Date | null;
}

const toReservation = (row: ReservationRow): LimitReservation => ({
  id: row.id,
  orderId: row.order_id,
  customerId: row.customer_id,
  accountId: row.account_id,
  accountClass: row.account_class,
  channel: row.channel,
  amount: BigInt(row.amount),
  countsToClassLimit: row.counts_to_class_limit,
  status: row.status,
  businessDay: row.business_day,
  reservedAt: row.reserved_at,
  committedAt: row.committed_at,
  releasedAt: row.released_at,
});

/**
 * Moves an order's reservation from one of `from` to `to` and answers the row as it is now, in
 * ONE statement: the row the update changed, or else the unchanged row (a repeated step), or null.
 */
async function settleReservation(
  prisma: PrismaClient,
  orderId: string,
  from: readonly LimitReservation['status'][],
  to: 'COMMITTED' | 'RELEASED',
  at: Date,
): Promise<LimitReservation | null> {
  const rows = await prisma.$queryRaw<ReservationRow[]>`
    WITH moved AS (
      UPDATE limit_reservation
         SET status = ${to}::"ReservationStatus",
             committed_at = CASE WHEN ${to} = 'COMMITTED' THEN ${at} ELSE committed_at END,
             released_at = CASE WHEN ${to} = 'RELEASED' THEN ${at} ELSE released_at END
       WHERE order_id = ${orderId} AND status::text = ANY(${[...from]}::text[])
      RETURNING *
    )
    SELECT id, order_id, customer_id, account_id, account_class::text, channel::text, amount, counts_to_class_limit, status::text,
           business_day, reserved_at, committed_at, released_at FROM moved
    UNION ALL
    SELECT id, order_id, customer_id, account_id, account_class::text, channel::text, amount, counts_to_class_limit, status::text,
           business_day, reserved_at, committed_at, released_at FROM limit_reservation
     WHERE order_id = ${orderId} AND NOT EXISTS (SELECT 1 FROM moved)`;
  return rows[0] ? toReservation(rows[0]) : null;
}

/** The order posted: the usage stays. Idempotent; a released reservation stays released. */
export function commitReservation(prisma: PrismaClient, orderId: string, at: Date): Promise<LimitReservation | null> {
  return settleReservation(prisma, orderId, ['RESERVED'], 'COMMITTED', at);
}

/** The order failed or its money came back: the usage is given back, once. */
export function releaseReservation(prisma: PrismaClient, orderId: string, at: Date): Promise<LimitReservation | null> {
  return settleReservation(prisma, orderId, ['RESERVED', 'COMMITTED'], 'RELEASED', at);
}

export function findReservations(prisma: PrismaClient, orderIds: readonly string[]): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { orderId: { in: [...orderIds] } } });
}

/** Every reservation counting in the business day `YYYY-MM-DD` (Asia/Shanghai), for reconciliation. */
export function findReservationsOfDay(prisma: PrismaClient, day: string): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { businessDay: dayAsDate(day) }, orderBy: { reservedAt: 'asc' } });
}
