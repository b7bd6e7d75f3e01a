/**
 * Step-up for purchases (wealth subscriptions, time-deposit openings), the way transfers have it:
 * the risk engine's CHALLENGE parks the order as CHALLENGE_REQUIRED (nothing reserved, nothing
 * posted; a coupon already redeemed stays with the order); the customer passes a challenge in auth
 * bound by `purchaseActionHash` to the order id, the amount paid and the source account; then
 * `confirmOrder` consumes that token once and drives the order on. An unanswered challenge is ended
 * by the recovery sweeper after its window (FAILED, CHALLENGE_EXPIRED), which also gives the coupon
 * back (the ORDER_FAILED event).
 *
 * Payments another center asks for (bill payments, mobile top-ups, loan repayments:
 * `merchantPayments.ts`) wait the same way; their challenge (purpose BILL_PAYMENT) is bound by
 * `paymentActionHash` to the order id, the amount, the source account and the payee the order
 * names (the biller, the carrier, the loan), which the challenge view hands the client. The
 * outbox's ORDER_COMPLETED / ORDER_FAILED tells the asking center how the order ended.
 *
 * `confirmOrder` fits every order kind: a transfer goes through confirmTransfer's machinery.
 */
import { paymentActionHash, purchaseActionHash } from '../../kit/actionHash';
import { ErrorCode, bankError, forbidden, notFound } from '../../../platform/errors';
import type { Holding, Order, TimeDeposit } from '../__generated__/prisma/client';
import type { WealthCentersClient } from '../wealthCenters';
import { advanceOrder } from './advance';
import type { MoneyDeps } from './deps';
import { moveOrder } from './orderMachine';
import { openingOf } from './timeDeposits';
import { Caller, confirmTransfer } from './transfers';
import { holdingOf } from './wealthSubscriptions';

export interface OrderChallengeView {
  challengeId: string;
  methods: string[];
  /** Payments: the payee the challenge binds to (context.payeeName); null for other kinds. */
  payee: string | null;
}

export interface OrderConfirmationOutcome {
  order: Order;
  holding: Holding | null;
  deposit: TimeDeposit | null;
}

/** The step-up a CHALLENGE_REQUIRED order waits for; null for any other status. */
export function challengeOf(order: Order): OrderChallengeView | null {
  if (order.status !== 'CHALLENGE_REQUIRED') return null;
  return {
    challengeId: order.riskDecisionId ?? order.id,
    methods: order.challengeMethods,
    payee: PAYMENT_KINDS.has(order.kind) ? payeeOf(order) : null,
  };
}

const PURCHASE_KINDS = new Set(['WEALTH_PURCHASE', 'DEPOSIT_OPEN']);
const PAYMENT_KINDS = new Set(['BILL_PAYMENT', 'TOP_UP', 'LOAN_REPAYMENT']);

/** The payee a payment's challenge binds: the other side as the order names it. */
const payeeOf = (order: Order) => order.destinationName ?? '';

const challengeFailed = () => bankError(ErrorCode.ChallengeFailed, '身份验证未通过，请重新验证', { field: ['challengeToken'] });

export async function confirmOrder(
  deps: MoneyDeps & { wealth: WealthCentersClient },
  caller: Caller,
  orderId: string,
  challengeToken: string,
): Promise<OrderConfirmationOutcome> {
  const order = await deps.prisma.order.findUnique({ where: { id: orderId } });
  if (!order) throw notFound('订单不存在');
  if (order.ownerId !== caller.customerId) throw forbidden();
  let current: Order;
  if (order.kind === 'TRANSFER') {
    const outcome = await confirmTransfer(deps, caller, orderId, challengeToken);
    current = await deps.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    if (outcome.kind === 'REJECTED' && outcome.code === ErrorCode.ChallengeFailed && current.status === 'CHALLENGE_REQUIRED')
      throw challengeFailed();
  } else if (PURCHASE_KINDS.has(order.kind) && order.status === 'CHALLENGE_REQUIRED') {
    current = await confirmWithToken(deps, caller, order, challengeToken, 'PURCHASE', purchaseActionHashOf(order));
  } else if (PAYMENT_KINDS.has(order.kind) && order.status === 'CHALLENGE_REQUIRED') {
    current = await confirmWithToken(deps, caller, order, challengeToken, 'BILL_PAYMENT', paymentActionHashOf(order));
  } else {
    // Past its challenge (or never challenged): where it is now; nothing is consumed or moved.
    current = order;
  }
  return resultOf(deps, current);
}

const purchaseActionHashOf = (order: Order) =>
  purchaseActionHash({ orderId: order.id, amountFen: order.amount, sourceAccountId: order.sourceAccountId! });

const paymentActionHashOf = (order: Order) =>
  paymentActionHash({ orderId: order.id, amountFen: order.amount, sourceAccountId: order.sourceAccountId!, payee: payeeOf(order) });

/** Consumes the token (once, for this purpose and action) and drives the order on from CREATED. */
async function confirmWithToken(
  deps: MoneyDeps,
  caller: Caller,
  order: Order,
  challengeToken: string,
  purpose: 'PURCHASE' | 'BILL_PAYMENT',
  actionHash: string,
): Promise<Order> {
  const passed = await deps.auth.consumeChallengeToken(caller.customerId, challengeToken, purpose, actionHash);
  const reloaded = await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
  if (!passed) {
    // A double-tapped confirm whose twin already used the token answers the order where it is.
    if (reloaded.status === 'CHALLENGE_REQUIRED') throw challengeFailed();
    return reloaded;
  }
  const reopened = await moveOrder(deps.prisma, order, 'passChallenge', deps.clock.now(), {
    riskDecision: 'CHALLENGE_PASSED',
  });
  const created = reopened ?? (await deps.prisma.order.findUniqueOrThrow({ where: { id: order.id } }));
  // The sweeper may have ended an expired challenge first: then nothing moves.
  return created.status === 'CREATED' ? advanceOrder(deps, created) : created;
}

async function resultOf(deps: MoneyDeps & { wealth: WealthCentersClient }, order: Order): Promise<OrderConfirmationOutcome> {
  if (order.kind === 'WEALTH_PURCHASE') return { order, holding: await holdingOf(deps, order), deposit: null };
  if (order.kind === 'DEPOSIT_OPEN') return { ...(await openingOf(deps, order.id)), holding: null };
  return { order, holding: null, deposit: null };
}
