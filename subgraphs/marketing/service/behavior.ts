/**
 * Behavior collection: batches of events from every channel, validated, then written with one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` so a batch costs one round trip and a
 * redelivered event (same channel and client event id) is stored once. The statement commits
 * before the call returns (synchronous commit), so an acknowledged batch is durable; aggregation
 * happens at query time from the day-indexed table.
 */
import { BANK_TIME_ZONE } from '../../../platform/businessDay';
import { badInput } from '../../../platform/errors';
import type { BehaviorEventType, Channel, PrismaClient } from '../__generated__/prisma/client';

export const MAX_BATCH = 500;
const ID = /^[A-Za-z0-9_\-:.]{1,64}$/;
const MAX_TEXT = 200;
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_AHEAD_MS = 5 * 60 * 1000;

export interface BehaviorEventInput {
  clientEventId: string;
  type: BehaviorEventType;
  occurredAt: Date;
  sessionId: string;
  anonymousId?: string | null;
  page?: string | null;
  target?: string | null;
  productId?: string | null;
}

export interface Tracker {
  channel: Channel;
  /** The signed-in customer, if any. */
  customerId?: string;
  now: Date;
}

/** Refuses the whole batch on the first bad event, naming `events.N.field`. */
export function validateBatch(events: readonly BehaviorEventInput[], tracker: Tracker): void {
  if (events.length === 0 || events.length > MAX_BATCH) throw badInput(`每批 1 到 ${MAX_BATCH} 个事件`, ['events']);
  events.forEach((event, index) => {
    const field = (name: string) => ['events', index, name];
    if (!ID.test(event.clientEventId)) throw badInput('事件编号应为 1–64 位字母、数字或 _-:.', field('clientEventId'));
    if (!ID.test(event.sessionId)) throw badInput('会话编号应为 1–64 位字母、数字或 _-:.', field('sessionId'));
    if (event.anonymousId != null && !ID.test(event.anonymousId))
      throw badInput('匿名编号应为 1–64 位字母、数字或 _-:.', field('anonymousId'));
    if (!tracker.customerId && !event.anonymousId) throw badInput('未登录时需要匿名编号', field('anonymousId'));
    const age = tracker.now.getTime() - event.occurredAt.getTime();
    if (age > MAX_AGE_MS || age < -MAX_AHEAD_MS) throw badInput('事件时间超出允许范围', field('occurredAt'));
    if (event.page != null && (event.page.length === 0 || event.page.length > MAX_TEXT)) throw badInput('页面长度 1–200', field('page'));
    if (event.target != null && event.target.length > MAX_TEXT) throw badInput('目标长度最多 200', field('target'));
    if (event.productId != null && !ID.test(event.productId)) throw badInput('产品编号无效', field('productId'));
    if (event.type === 'PRODUCT_VIEW' && !event.productId) throw badInput('浏览产品事件需要产品编号', field('productId'));
    if (event.type === 'PAGE_VIEW' && !event.page) throw badInput('页面浏览事件需要页面', field('page'));
  });
}

/** Stores a validated batch; returns how many events were new. */
export async function storeBatch(prisma: PrismaClient, events: readonly BehaviorEventInput[], tracker: Tracker): Promise<number> {
  const column = <T>(pick: (event: BehaviorEventInput) => T) => events.map(pick);
  return prisma.$executeRawUnsafe(
    `INSERT INTO behavior_event
       (channel, client_event_id, type, customer_id, anonymous_id, session_id, occurred_at, event_day, received_at, page, target, product_id)
     SELECT $1::"Channel", e.client_event_id, e.type::"BehaviorEventType", $2, e.anonymous_id, e.session_id, e.occurred_at,
            (e.occurred_at AT TIME ZONE '${BANK_TIME_ZONE}')::date, $3::timestamptz, e.page, e.target, e.product_id
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])
         AS e(client_event_id, type, anonymous_id, session_id, occurred_at, page, target, product_id)
     ON CONFLICT (channel, client_event_id) DO NOTHING`,
    tracker.channel,
    tracker.customerId ?? null,
    tracker.now.toISOString(),
    column((event) => event.clientEventId),
    column((event) => event.type),
    column((event) => event.anonymousId ?? null),
    column((event) => event.sessionId),
    column((event) => event.occurredAt.toISOString()),
    column((event) => event.page ?? null),
    column((event) => event.target ?? null),
    column((event) => event.productId ?? null),
  );
}

/** At sign-in: the anonymous id's events not yet linked become the customer's. */
export function linkAnonymousEvents(prisma: PrismaClient, anonymousId: string, customerId: string): Promise<number> {
  return prisma.$executeRaw`UPDATE behavior_event SET customer_id = ${customerId} WHERE anonymous_id = ${anonymousId} AND customer_id IS NULL`;
}
