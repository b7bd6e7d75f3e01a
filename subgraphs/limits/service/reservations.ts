/**
 * Limit reservations: every money-movement order reserves its amount against the customer's
 * limits before money moves (reserve → commit when posted, or release when it fails or is
 * returned). One row per order id and direction (the payer's OUTFLOW; the payee's INFLOW when the
 * payee is a class II/III account receiving from outside its bound account), so each step is
 * idempotent and commit/release move both rows of an order in one statement.
 *
 * Concurrency: checking the totals and inserting the reservation happen in one transaction under
 * a PostgreSQL transaction-scoped advisory lock per customer, so two concurrent orders of the same
 * customer are serialised and can never both pass a limit that only one of them fits (no Redis:
 * only the database guards money rules). Channel limits are per customer, class limits per
 * account, and every account belongs to one customer, so one lock covers both. The lock is held
 * for three round trips (one read, the insert, the commit); commit and release are one statement.
 *
 * Inflow: the payee's inflow totals belong to the payee's account, so they are checked under the
 * PAYEE customer's lock, which orders of other payers into the same account also take. An order
 * with an inflow side takes both customers' locks in ONE statement, in ascending order of the lock
 * keys (the 64-bit values actually locked, not the customer ids), and both sides are checked and
 * inserted in the same transaction: a refusal on either side inserts nothing. Every transaction here
 * takes its locks in that one global order (a single lock trivially so), so two transfers in
 * opposite directions between the same customers (A→B and B→A) queue instead of deadlocking; two
 * ids whose keys collide lock one key, re-entrantly. Nothing else in this center takes a `limits:`
 * lock (credit decisions use their own keys), and PostgreSQL's deadlock detector would still break
 * a cycle rather than hang.
 */
import type { LimitReservation, PrismaClient } from '../__generated__/prisma/client';
import { QUEUED_TRANSACTION } from '../../kit/database/queuedTransaction';
import { dayAsDate, shanghaiDayDate, shanghaiYearStart } from '../../../platform/businessDay';
import { AccountClassName, BankLimitRule, CustomerLimitSetting, LimitChannel, channelLimitsOf } from './effectiveLimits';

/** The receiving side of an order whose inflow counts to the payee account's class limits. */
export interface InflowSide {
  /** The customer owning the receiving account: their lock guards the account's inflow totals. */
  customerId: string;
  accountId: string;
  /** II or III: class I accounts carry no inflow limit. */
  accountClass: Exclude<AccountClassName, 'I'>;
}

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
  /**
   * Set only when the payee is a class II/III account of this bank and the paying account is not
   * its bound account (money from the bound account does not count, 银发〔2016〕302号).
   */
  inflow?: InflowSide | null;
}

export type ReservationOutcome = { ok: true; reservation: LimitReservation } | { ok: false; limit: string; reason: string };

const ACTIVE = ['RESERVED', 'COMMITTED'] as const;

const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

const lockKey = (customerId: string) => `limits:${customerId}`;

/** What one reservation is checked against, read in ONE statement once the customers' locks are held. */
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
  inflow_day_used: bigint;
  inflow_year_used: bigint;
}

/**
 * Round trips inside the lock are what serialises concurrent orders, so the transaction is: the
 * lock(s), one read of everything the checks need, the insert (one statement for one or two rows),
 * commit. The read is its own statement AFTER the lock statement: under READ COMMITTED each
 * statement takes a new snapshot, so it sees every reservation the previous holders committed.
 */
export async function reserveLimit(prisma: PrismaClient, request: ReservationRequest): Promise<ReservationOutcome> {
  const day = shanghaiDayDate(request.at);
  const yearStart = shanghaiYearStart(request.at);
  // Class totals only matter for a class II/III payment outside the bound account; otherwise they are not read.
  const classCounts = request.countsToClassLimit && request.accountClass !== 'I';
  const inflow = request.inflow ?? null;
  const lockKeys = [...new Set([lockKey(request.customerId), ...(inflow ? [lockKey(inflow.customerId)] : [])])];
  return prisma.$transaction(async (tx) => {
    // Ascending by the locked value; the ORDER BY of the subquery is the order the locks are taken in.
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(k) FROM (
        SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(${lockKeys}::text[]) AS key ORDER BY k
      ) ordered`;
    const [facts] = await tx.$queryRaw<ReservationFacts[]>`
      SELECT
        (SELECT id FROM limit_reservation WHERE order_id = ${request.orderId} AND direction = 'OUTFLOW') AS existing_id,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('scope', scope, 'accountClass', account_class, 'channel', channel,
                                                      'period', period, 'amount', amount::text) ORDER BY id), '[]'::jsonb)
           FROM limit_rule) AS rules,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', own.channel, 'period', own.period, 'amount', own.amount::text)), '[]'::jsonb)
           FROM (SELECT channel::text AS channel, period, amount FROM customer_limit WHERE customer_id = ${request.customerId}
                 UNION ALL
                 SELECT 'ALL', period, amount FROM customer_all_channel_limit WHERE customer_id = ${request.customerId}) own) AS customer_limits,
        (SELECT coalesce(sum(amount), 0)::bigint FROM limit_reservation
          WHERE customer_id = ${request.customerId} AND channel = ${request.channel}::"Channel" AND direction = 'OUTFLOW'
            AND business_day = ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])) AS channel_day_used,
        class_used.day AS class_day_used, class_used.year AS class_year_used,
        inflow_used.day AS inflow_day_used, inflow_used.year AS inflow_year_used
      FROM (SELECT coalesce(sum(amount) FILTER (WHERE business_day = ${day}::date), 0)::bigint AS day, coalesce(sum(amount), 0)::bigint AS year
              FROM limit_reservation
             WHERE ${classCounts}::boolean AND account_id = ${request.accountId} AND direction = 'OUTFLOW' AND counts_to_class_limit
               AND business_day >= ${yearStart}::date AND business_day <= ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])) class_used,
           (SELECT coalesce(sum(amount) FILTER (WHERE business_day = ${day}::date), 0)::bigint AS day, coalesce(sum(amount), 0)::bigint AS year
              FROM limit_reservation
             WHERE ${inflow !== null}::boolean AND account_id = ${inflow?.accountId ?? ''} AND direction = 'INFLOW'
               AND business_day >= ${yearStart}::date AND business_day <= ${day}::date AND status::text = ANY(${[...ACTIVE]}::text[])) inflow_used`;
    // A retry of the same order (or a concurrent one that held the lock first): the first reservation stands.
    if (facts!.existing_id)
      return {
        ok: true as const,
        reservation: await tx.limitReservation.findUniqueOrThrow({
          where: { orderId_direction: { orderId: request.orderId, direction: 'OUTFLOW' } },
        }),
      };

    const refusal = refusalOf(request, facts!);
    if (refusal) return refusal;
    const common = { orderId: request.orderId, channel: request.channel, amount: request.amount, businessDay: day, reservedAt: request.at };
    const rows = await tx.limitReservation.createManyAndReturn({
      data: [
        {
          ...common,
          direction: 'OUTFLOW' as const,
          customerId: request.customerId,
          accountId: request.accountId,
          accountClass: request.accountClass,
          countsToClassLimit: request.countsToClassLimit,
        },
        ...(inflow
          ? [
              {
                ...common,
                direction: 'INFLOW' as const,
                customerId: inflow.customerId,
                accountId: inflow.accountId,
                accountClass: inflow.accountClass,
                countsToClassLimit: true,
              },
            ]
          : []),
      ],
    });
    return { ok: true as const, reservation: rows.find((row) => row.direction === 'OUTFLOW')! };
  }, QUEUED_TRANSACTION);
}

type Refusal = { ok: false; limit: string; reason: string };

/**
 * The first limit the request would pass, checked in order: channel single, channel daily, class
 * daily/yearly of the paying account, then inflow daily/yearly of the receiving account.
 */
function refusalOf(request: ReservationRequest, facts: ReservationFacts): Refusal | null {
  const rules: BankLimitRule[] = facts.rules.map((rule) => ({ ...rule, amount: BigInt(rule.amount) }));
  const customerLimits: CustomerLimitSetting[] = facts.customer_limits.map((limit) => ({ ...limit, amount: BigInt(limit.amount) }));
  const channelLimits = channelLimitsOf(request.channel, rules, customerLimits);
  const refusal = (limit: string, reason: string): Refusal => ({ ok: false, limit, reason });

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

  const inflow = request.inflow;
  if (inflow) {
    for (const rule of rules) {
      if (rule.scope !== 'CLASS_INFLOW' || rule.accountClass !== inflow.accountClass) continue;
      if (rule.period !== 'DAILY' && rule.period !== 'YEARLY') continue;
      const used = BigInt(rule.period === 'DAILY' ? facts.inflow_day_used : facts.inflow_year_used);
      if (used + request.amount > rule.amount) {
        const what = rule.period === 'DAILY' ? '当日' : '年度';
        // Said to the payer: the payee's account cannot take it.
        return refusal(
          `CLASS_${inflow.accountClass}_INFLOW_${rule.period}`,
          `收款账户为${inflow.accountClass}类户，${what}非绑定账户转入累计不得超过 ${yuan(rule.amount)} 元`,
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
  direction: LimitReservation['direction'];
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
  direction: row.direction,
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
 * Moves an order's reservations (its OUTFLOW row and, when it has one, its INFLOW row) from one of
 * `from` to `to` and answers the OUTFLOW row as it is now, in ONE statement: the row the update
 * changed, or else the unchanged row (a repeated step), or null. Both rows always move together, so
 * a repeated step changes neither and the inflow usage is given back once, like the outflow usage.
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
    SELECT id, order_id, direction::text, customer_id, account_id, account_class::text, channel::text, amount, counts_to_class_limit,
           status::text, business_day, reserved_at, committed_at, released_at FROM moved
     WHERE direction = 'OUTFLOW'
    UNION ALL
    SELECT id, order_id, direction::text, customer_id, account_id, account_class::text, channel::text, amount, counts_to_class_limit,
           status::text, business_day, reserved_at, committed_at, released_at FROM limit_reservation
     WHERE order_id = ${orderId} AND direction = 'OUTFLOW' AND NOT EXISTS (SELECT 1 FROM moved WHERE direction = 'OUTFLOW')`;
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

/** The orders' payer-side (OUTFLOW) reservations: one per order, its INFLOW row moving with it. */
export function findReservations(prisma: PrismaClient, orderIds: readonly string[]): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { orderId: { in: [...orderIds] }, direction: 'OUTFLOW' } });
}

/** Every payer-side reservation counting in the business day `YYYY-MM-DD` (Asia/Shanghai), for reconciliation. */
export function findReservationsOfDay(prisma: PrismaClient, day: string): Promise<LimitReservation[]> {
  return prisma.limitReservation.findMany({ where: { businessDay: dayAsDate(day), direction: 'OUTFLOW' }, orderBy: { reservedAt: 'asc' } });
}
