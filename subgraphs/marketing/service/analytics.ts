/**
 * Activity and preference analytics for staff, computed from the day-indexed event table (and the
 * handled order events for purchases). Every query is one statement bounded by a day range, so
 * it reads only that range's index entries.
 */
import type { Channel, PrismaClient, ProductKind } from '../__generated__/prisma/client';
import { dayAsDate } from '../../../platform/businessDay';
import { ratio } from './ratios';

const PRODUCT_KINDS: readonly ProductKind[] = ['WEALTH', 'TIME_DEPOSIT', 'LOAN', 'CREDIT_CARD'];

export interface DayRange {
  from: string;
  to: string;
}

export async function dailyActiveCustomers(prisma: PrismaClient, range: DayRange) {
  const rows = await prisma.$queryRaw<{ day: Date; channel: Channel; customers: bigint; visitors: bigint }[]>`
    SELECT event_day AS day, channel, count(DISTINCT customer_id) AS customers,
           count(DISTINCT coalesce(customer_id, 'anonymous:' || anonymous_id)) AS visitors
      FROM behavior_event
     WHERE event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date
     GROUP BY event_day, channel ORDER BY event_day, channel`;
  return rows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    channel: row.channel,
    activeCustomers: Number(row.customers),
    visitors: Number(row.visitors),
  }));
}

export async function activeCustomersPerChannel(prisma: PrismaClient, from: string, until: string) {
  const rows = await prisma.$queryRaw<{ channel: Channel; customers: bigint }[]>`
    SELECT channel, count(DISTINCT customer_id) AS customers FROM behavior_event
     WHERE event_day >= ${dayAsDate(from)}::date AND event_day < ${dayAsDate(until)}::date AND customer_id IS NOT NULL
     GROUP BY channel ORDER BY channel`;
  return rows.map((row) => ({ channel: row.channel, activeCustomers: Number(row.customers) }));
}

export async function sessionStats(prisma: PrismaClient, range: DayRange) {
  const rows = await prisma.$queryRaw<{ channel: Channel; sessions: bigint; events: bigint; seconds: bigint }[]>`
    WITH sessions AS (
      SELECT channel, session_id, count(*) AS events,
             floor(extract(epoch FROM max(occurred_at) - min(occurred_at)))::bigint AS seconds
        FROM behavior_event
       WHERE event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date
       GROUP BY channel, session_id)
    SELECT channel, count(*) AS sessions, sum(events)::bigint AS events, sum(seconds)::bigint AS seconds
      FROM sessions GROUP BY channel ORDER BY channel`;
  return rows.map((row) => ({
    channel: row.channel,
    sessions: Number(row.sessions),
    averageEvents: ratio(row.events, row.sessions, 2),
    averageDurationSeconds: Number(row.seconds / row.sessions),
  }));
}

export async function pageFlows(prisma: PrismaClient, range: DayRange, channel: Channel | null, first: number) {
  const rows = await prisma.$queryRaw<{ from_page: string; to_page: string; count: bigint }[]>`
    WITH views AS (
      SELECT page, lead(page) OVER (PARTITION BY channel, session_id ORDER BY occurred_at, id) AS next_page
        FROM behavior_event
       WHERE type = 'PAGE_VIEW' AND event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date
         AND (${channel}::"Channel" IS NULL OR channel = ${channel}::"Channel"))
    SELECT page AS from_page, next_page AS to_page, count(*) AS count FROM views
     WHERE next_page IS NOT NULL GROUP BY page, next_page ORDER BY count DESC, page, next_page LIMIT ${first}`;
  return rows.map((row) => ({ fromPage: row.from_page, toPage: row.to_page, count: Number(row.count) }));
}

/** Product views per kind (the kind comes from marketing's copy of the catalogue). */
export async function productViewsByKind(
  prisma: PrismaClient,
  range: DayRange,
  customerId: string | null,
): Promise<Map<ProductKind, bigint>> {
  const rows = await prisma.$queryRaw<{ kind: ProductKind; views: bigint }[]>`
    SELECT p.kind, count(*) AS views FROM behavior_event e JOIN recommendable_product p ON p.product_id = e.product_id
     WHERE e.type = 'PRODUCT_VIEW' AND e.event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date
       AND (${customerId}::text IS NULL OR e.customer_id = ${customerId}::text)
     GROUP BY p.kind`;
  return new Map(rows.map((row) => [row.kind, row.views]));
}

export function preferenceDistribution(views: Map<ProductKind, bigint>) {
  const total = [...views.values()].reduce((sum, count) => sum + count, 0n);
  return PRODUCT_KINDS.filter((kind) => views.has(kind))
    .map((kind) => ({ kind, views: Number(views.get(kind)!), share: ratio(views.get(kind)!, total) }))
    .sort((a, b) => b.views - a.views || PRODUCT_KINDS.indexOf(a.kind) - PRODUCT_KINDS.indexOf(b.kind));
}

/** Viewers of each kind (signed-in customers) and those of them with a completed order of that kind in the range. */
export async function conversionFunnel(prisma: PrismaClient, range: DayRange) {
  const rows = await prisma.$queryRaw<{ kind: ProductKind; viewers: bigint; purchasers: bigint }[]>`
    WITH viewers AS (
      SELECT DISTINCT p.kind, e.customer_id FROM behavior_event e JOIN recommendable_product p ON p.product_id = e.product_id
       WHERE e.type = 'PRODUCT_VIEW' AND e.customer_id IS NOT NULL
         AND e.event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date),
    buyers AS (
      SELECT DISTINCT product_kind AS kind, customer_id FROM order_event
       WHERE status = 'COMPLETED' AND product_kind IS NOT NULL
         AND event_day BETWEEN ${dayAsDate(range.from)}::date AND ${dayAsDate(range.to)}::date)
    SELECT v.kind, count(*) AS viewers, count(b.customer_id) AS purchasers
      FROM viewers v LEFT JOIN buyers b ON b.kind = v.kind AND b.customer_id = v.customer_id
     GROUP BY v.kind`;
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return PRODUCT_KINDS.map((kind) => {
    const row = byKind.get(kind);
    const viewers = row?.viewers ?? 0n;
    const purchasers = row?.purchasers ?? 0n;
    return { kind, viewers: Number(viewers), purchasers: Number(purchasers), conversionRate: ratio(purchasers, viewers) };
  });
}
