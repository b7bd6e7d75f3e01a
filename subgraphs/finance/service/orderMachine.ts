/**
 * An order's life as one table: the states an order enters in, the moves between states, and what
 * each move writes besides the order, per order kind. This module is the only writer of an order's
 * status (subgraphs/finance/__tests__/orderStatusWriters.test.ts checks it): intake enters orders
 * here, and the request path (advance.ts and the risk and challenge steps) and the workers
 * (recovery.ts, clearing.ts, redemptionSettlement.ts) move them with `moveOrder`.
 *
 * A move is a compare-and-set on the current status, so a move made twice changes nothing the second
 * time, written in ONE statement together with its outbox event and its effects: an event and an
 * effect exist exactly when the change does, whoever makes the move.
 */
import { randomUUID } from 'node:crypto';
import { fenToDecimal } from '../../kit/money';
import { Prisma } from '../__generated__/prisma/client';
import type { Order, OrderKind, OrderStatus, PrismaClient } from '../__generated__/prisma/client';
import { LEASE_MS } from './deps';
import { ORDER_COLUMNS } from './orderColumns';

/** Where an order starts: CREATED, or REJECTED when intake refuses it with nothing to move (a payee name that does not match). */
export type EntryStatus = Extract<OrderStatus, 'CREATED' | 'REJECTED'>;

/** A row this center writes about the order's product, in the statement of the move. */
type Effect = 'holdingBought' | 'depositOpened' | 'redemptionSettled' | 'depositWithdrawn' | 'sharesReturned' | 'depositFreed';

interface Move {
  from: readonly OrderStatus[];
  to: OrderStatus;
  effects: Partial<Record<OrderKind, readonly Effect[]>>;
}

/** An order that ends with nothing moved gives back what its intake took: a redemption's shares, a withdrawal's deposit. */
const GIVE_BACK = { WEALTH_REDEMPTION: ['sharesReturned'], DEPOSIT_WITHDRAWAL: ['depositFreed'] } as const;

/**
 * The machine. Kinds not named under a move have no product rows to write for it (transfers,
 * bill payments, top-ups, loan repayments and disbursements: their money is the ledger entry).
 */
export const ORDER_MOVES = {
  /** Risk DENY, the limits refuse, marketing refuses the coupon. */
  reject: { from: ['CREATED'], to: 'REJECTED', effects: GIVE_BACK },
  /** Risk CHALLENGE: the order waits for the customer's step-up (`confirmTransfer` / `confirmOrder`). */
  challenge: { from: ['CREATED'], to: 'CHALLENGE_REQUIRED', effects: {} },
  /** The step-up bound to the order passed: it goes on as if allowed. */
  passChallenge: { from: ['CHALLENGE_REQUIRED'], to: 'CREATED', effects: {} },
  /** The sweeper ends a challenge left unanswered. */
  expireChallenge: { from: ['CHALLENGE_REQUIRED'], to: 'FAILED', effects: GIVE_BACK },
  /** The limits center reserved the amount. */
  reserve: { from: ['CREATED'], to: 'RESERVED', effects: {} },
  /** The ledger posted the entry (credit-only orders take no reservation and post from CREATED). */
  post: { from: ['CREATED', 'RESERVED'], to: 'POSTED', effects: {} },
  /** The ledger refused the entry (funds, a frozen account, the class III cap). */
  refuseByLedger: { from: ['CREATED', 'RESERVED'], to: 'REJECTED', effects: GIVE_BACK },
  /** The entry slot is VOID-fenced (by the sweeper, or found so by the request): nothing can post any more. */
  abandon: { from: ['CREATED', 'RESERVED'], to: 'FAILED', effects: GIVE_BACK },
  /** Posted and, for another bank, settled: the product the order bought or sold is delivered. */
  complete: {
    from: ['POSTED'],
    to: 'COMPLETED',
    effects: {
      WEALTH_PURCHASE: ['holdingBought'],
      DEPOSIT_OPEN: ['depositOpened'],
      WEALTH_REDEMPTION: ['redemptionSettled'],
      DEPOSIT_WITHDRAWAL: ['depositWithdrawn'],
    },
  },
  /** The other bank returned the transfer: a REVERSAL entry refunded it. */
  returnByClearing: { from: ['POSTED'], to: 'REVERSED', effects: {} },
} as const satisfies Record<string, Move>;

export type OrderMove = keyof typeof ORDER_MOVES;

/** What a move records besides the status; each is written by the move's own statement. */
export interface MoveChanges {
  entryId?: string;
  failureCode?: string;
  failureReason?: string;
  /** The limit that refused a LIMIT_EXCEEDED order. */
  failureLimit?: string;
  riskDecision?: string;
  riskDecisionId?: string;
  challengeMethods?: string[];
  /** Other-bank: queue the clearing instruction with the post. */
  clearing?: { dueAt: Date; plannedReturn: string | null };
  /** Other-bank: close the queued clearing instruction with the completion or the return. */
  clearingResult?: { status: 'SETTLED' | 'RETURNED'; returnReason: string | null };
  /** Park the order outside the sweeper's reach (an other-bank order waiting for clearing). */
  parked?: boolean;
  /**
   * The answer to keep under the order's idempotency key (the order's owner and key: the record's
   * primary key), only if none is kept yet: the request that completes its order saves its answer
   * without another write.
   */
  response?: { json: unknown; riskDecision: string | null };
}

/** A new order's columns, all but its status: the machine sets that. */
export type NewOrder = Omit<Prisma.OrderUncheckedCreateInput, 'status'> & { id: string; amount: bigint; createdAt: Date };

/** The writes of a new order, for the caller's transaction (batch or interactive). */
type OrderWriter = Pick<Prisma.TransactionClient, 'order' | 'outboxEvent'>;

/**
 * Enters a new order: its row and its `ORDER_CREATED` (or `ORDER_REJECTED`) outbox event, as two
 * statements for the caller's transaction, which also holds the key's record and the kind's rows.
 */
export function enterOrder(client: OrderWriter, order: NewOrder, start: EntryStatus = 'CREATED') {
  return [
    client.order.create({ data: { ...order, status: start } }),
    client.outboxEvent.create({
      data: {
        id: randomUUID(),
        aggregateId: order.id,
        type: `ORDER_${start}`,
        payload: { orderId: order.id, customerId: order.ownerId, status: start, amount: fenToDecimal(order.amount) },
        createdAt: order.createdAt,
        nextAttemptAt: order.createdAt,
      },
    }),
  ] as const;
}

/**
 * Makes `move` and returns the order as it now is; null when the order was not in one of the move's
 * `from` states (someone else moved it first: read it again to see where it is).
 */
export async function moveOrder(
  prisma: PrismaClient,
  order: Pick<Order, 'id' | 'ownerId' | 'kind'>,
  move: OrderMove,
  at: Date,
  changes: MoveChanges = {},
): Promise<Order | null> {
  const { from, to, effects } = ORDER_MOVES[move] as Move;
  const lease = new Date(at.getTime() + LEASE_MS);
  const payload = JSON.stringify({
    orderId: order.id,
    customerId: order.ownerId,
    status: to,
    failureCode: changes.failureCode ?? null,
    at: at.toISOString(),
  });
  const rows = await prisma.$queryRaw<Order[]>`
    WITH moved AS (
      UPDATE payment_order SET status = ${to}::"OrderStatus", updated_at = ${at}, lease_expires_at = ${changes.parked ? null : lease},
             entry_id = coalesce(${changes.entryId ?? null}, entry_id),
             failure_code = coalesce(${changes.failureCode ?? null}, failure_code),
             failure_reason = coalesce(${changes.failureReason ?? null}, failure_reason),
             failure_limit = coalesce(${changes.failureLimit ?? null}, failure_limit),
             risk_decision = coalesce(${changes.riskDecision ?? null}, risk_decision),
             risk_decision_id = coalesce(${changes.riskDecisionId ?? null}, risk_decision_id),
             challenge_methods = coalesce(${changes.challengeMethods ?? null}::text[], challenge_methods),
             completed_at = CASE WHEN ${to === 'COMPLETED'} THEN ${at} ELSE completed_at END
       WHERE id = ${order.id} AND status::text = ANY(${from}::text[])
      RETURNING ${ORDER_COLUMNS}
    ), event AS (
      INSERT INTO outbox_event (id, aggregate_id, type, payload, created_at, next_attempt_at)
      SELECT ${randomUUID()}, id, ${`ORDER_${to}`}, ${payload}::jsonb, ${at}, ${at} FROM moved RETURNING id
    )${clearingOf(changes, at)}${effectsOf(effects[order.kind], at)}${savedResponse(changes.response)}
    SELECT * FROM moved`;
  return rows[0] ?? null;
}

function effectsOf(effects: readonly Effect[] | undefined, at: Date): Prisma.Sql {
  if (!effects?.length) return Prisma.empty;
  return Prisma.join(
    effects.map((effect) => EFFECT_SQL[effect](at)),
    '',
  );
}

function clearingOf(changes: MoveChanges, at: Date): Prisma.Sql {
  if (changes.clearing)
    return Prisma.sql`, queued AS (
        INSERT INTO clearing_instruction (order_id, status, due_at, planned_return, created_at)
        SELECT id, 'QUEUED', ${changes.clearing.dueAt}, ${changes.clearing.plannedReturn}, ${at} FROM moved
        ON CONFLICT (order_id) DO NOTHING RETURNING order_id)`;
  if (changes.clearingResult)
    return Prisma.sql`, cleared AS (
        UPDATE clearing_instruction SET status = ${changes.clearingResult.status}::"ClearingStatus", return_reason = ${changes.clearingResult.returnReason},
               processed_at = ${at}, lease_expires_at = NULL
         WHERE order_id IN (SELECT id FROM moved) AND status = 'QUEUED' RETURNING order_id)`;
  return Prisma.empty;
}

function savedResponse(response: MoveChanges['response']): Prisma.Sql {
  if (!response) return Prisma.empty;
  return Prisma.sql`, answered AS (
      UPDATE idempotency_record SET response = ${JSON.stringify(response.json)}::jsonb, risk_decision = coalesce(${response.riskDecision}, risk_decision)
        FROM moved m WHERE owner_id = m."ownerId" AND key = m."idempotencyKey" AND response IS NULL RETURNING order_id)`;
}

/**
 * Each effect as a common table expression of the move's statement, joined to the moved row (so it
 * is written exactly when the move is, and never twice).
 */
const EFFECT_SQL: Record<Effect, (at: Date) => Prisma.Sql> = {
  // From the order as it was created: product, price = paid + discount, coupon, the NAV fixed then;
  // shares = price / NAV rounded down. The payment_order row read here is the statement's snapshot.
  holdingBought: (at) => Prisma.sql`, holding_bought AS (
      INSERT INTO holding (id, owner_id, product_id, product_name, order_id, amount, discount, coupon_id, nav, shares, created_at)
      SELECT ${randomUUID()}::uuid, o.owner_id, o.product_id, o.destination_name, o.id, o.amount + o.discount, o.discount,
             o.coupon_id, o.nav, ((o.amount + o.discount) * 10000) / o.nav, ${at}
        FROM payment_order o
       WHERE o.id IN (SELECT id FROM moved) AND o.product_id IS NOT NULL AND o.nav IS NOT NULL
      ON CONFLICT (order_id) DO NOTHING RETURNING id)`,
  depositOpened: (at) => Prisma.sql`, deposit_opened AS (
      UPDATE time_deposit SET opened_at = ${at} WHERE open_order_id IN (SELECT id FROM moved) AND opened_at IS NULL RETURNING id)`,
  redemptionSettled: (at) => Prisma.sql`, redemption_settled AS (
      UPDATE wealth_redemption SET settled_at = ${at}, lease_expires_at = NULL
       WHERE order_id IN (SELECT id FROM moved) AND settled_at IS NULL RETURNING order_id)`,
  depositWithdrawn: (at) => Prisma.sql`, deposit_withdrawn AS (
      UPDATE time_deposit SET withdrawn_at = ${at} WHERE withdraw_order_id IN (SELECT id FROM moved) RETURNING id)`,
  sharesReturned: (at) => Prisma.sql`, redemption_closed AS (
      UPDATE wealth_redemption SET settled_at = ${at}, lease_expires_at = NULL
       WHERE order_id IN (SELECT id FROM moved) AND settled_at IS NULL RETURNING order_id, holding_id, shares
    ), shares_returned AS (
      UPDATE holding h SET shares_redeemed = h.shares_redeemed - c.shares FROM redemption_closed c WHERE h.id = c.holding_id RETURNING h.id)`,
  depositFreed: () => Prisma.sql`, deposit_freed AS (
      UPDATE time_deposit SET withdraw_order_id = NULL WHERE withdraw_order_id IN (SELECT id FROM moved) RETURNING id)`,
};
