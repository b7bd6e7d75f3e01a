/**
 * Drives an order forward from wherever it is: CREATED → RESERVED (limits) → POSTED (ledger) →
 * COMPLETED (same bank) or waiting for clearing (other bank), each state change a move of the
 * machine (`orderMachine.ts`). Every step asks the owning center with the order id, and every center
 * answers a repeated step with its first answer, so running this twice (a retry, a crash, the
 * sweeper) never moves money twice. The sweeper finishes posted orders with the same steps
 * (`markPosted`, `completePosted`).
 */
import { GraphQLError } from 'graphql';
import { fenToDecimal } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import type { LedgerLegInput } from '../../account/client';
import type { ReservationRequest } from '../../limits/client';
import { plannedClearingReturn, clearingDelayMs } from './clearingRules';
import type { MoneyDeps } from './deps';
import { MoveChanges, moveOrder } from './orderMachine';

const BANK = '本行';

/** Refusals of the ledger that end an order before any money moved. */
const LEDGER_REFUSALS: Record<string, string> = {
  INSUFFICIENT_FUNDS: '账户可用余额不足',
  BALANCE_CAP_EXCEEDED: '收款账户余额将超过Ⅲ类户上限',
  ACCOUNT_NOT_ACTIVE: '账户状态异常，无法转账',
  NOT_FOUND: '收款账户不存在',
};

async function reload(deps: MoneyDeps, id: string): Promise<Order> {
  return deps.prisma.order.findUniqueOrThrow({ where: { id } });
}

/** A move's row, or (when someone else moved the order first) the order as it is now. */
async function movedOrCurrent(deps: MoneyDeps, id: string, moved: Order | null): Promise<Order> {
  return moved ?? reload(deps, id);
}

/**
 * Orders that only pay INTO the customer's own account (a redemption, a deposit withdrawal, a loan
 * disbursement) take no
 * limit reservation: they go CREATED → POSTED → COMPLETED. The class III balance cap still holds:
 * the ledger refuses a credit above it (BALANCE_CAP_EXCEEDED) and the order is rejected.
 */
const CREDIT_ONLY_ROUTES = new Set(['REDEMPTION', 'DEPOSIT_WITHDRAWAL', 'LOAN_DISBURSEMENT']);

export function takesLimit(order: Pick<Order, 'route'>): boolean {
  return !CREDIT_ONLY_ROUTES.has(order.route ?? '');
}

/**
 * The payee's side of the reservation: set when the order was created for a class II/III payee of
 * this bank not bound to the paying account (transfers.ts), so the payee's inflow limits count it.
 */
function inflowOf(order: Order): ReservationRequest['inflow'] {
  const accountClass = order.payeeAccountClass === 'II' || order.payeeAccountClass === 'III' ? order.payeeAccountClass : null;
  if (!order.payeeCustomerId || !order.destinationAccountId || !accountClass) return null;
  return { customerId: order.payeeCustomerId, accountId: order.destinationAccountId, accountClass };
}

export interface AdvanceOptions {
  /**
   * An ALLOW risk decision not written yet: the first move out of CREATED records it (one
   * statement instead of its own update). An order a crash leaves CREATED before that is voided by
   * the sweeper, which needs no decision.
   */
  risk?: Pick<MoveChanges, 'riskDecision' | 'riskDecisionId'>;
  /** The request's answer if the order completes here: kept under its idempotency key by the COMPLETED statement. */
  completedResponse?: MoveChanges['response'];
}

export interface Advanced {
  order: Order;
  /** Whether `completedResponse` was kept by this call's COMPLETED statement. */
  responseSaved: boolean;
}

export async function advanceOrder(deps: MoneyDeps, start: Order): Promise<Order> {
  return (await driveOrder(deps, start)).order;
}

/** advanceOrder, with the writes a request can fold into the steps (see AdvanceOptions). */
export async function driveOrder(deps: MoneyDeps, start: Order, options: AdvanceOptions = {}): Promise<Advanced> {
  let order = start;
  const risk = options.risk ?? {};
  if (order.status === 'CREATED' && takesLimit(order)) {
    const reserved = await deps.limits.reserve(order.ownerId, {
      orderId: order.id,
      accountId: order.sourceAccountId!,
      accountClass: order.sourceAccountClass ?? 'I',
      countsToClassLimit: order.countsToClassLimit,
      channel: order.channel,
      amount: fenToDecimal(order.amount),
      inflow: inflowOf(order),
    });
    if (!reserved.ok) {
      const rejected = await moveOrder(deps.prisma, order, 'reject', deps.clock.now(), {
        ...risk,
        failureCode: 'LIMIT_EXCEEDED',
        failureReason: reserved.reason ?? '超过限额',
        failureLimit: reserved.limit ?? undefined,
      });
      return { order: await movedOrCurrent(deps, order.id, rejected), responseSaved: false };
    }
    await deps.afterStep?.('reserved', order.id);
    const moved = await moveOrder(deps.prisma, order, 'reserve', deps.clock.now(), risk);
    await deps.afterStep?.('status-reserved', order.id);
    order = await movedOrCurrent(deps, order.id, moved);
    // Recovery gave up on this order while we were reserving: give the usage back, nothing will post.
    if (!moved && (order.status === 'FAILED' || order.status === 'REJECTED')) await deps.limits.release(order.id);
  }
  if (order.status === 'RESERVED' || (order.status === 'CREATED' && !takesLimit(order))) {
    // A credit-only order leaves CREATED here: this is its first move.
    const firstRisk = order.status === 'CREATED' ? risk : {};
    let entryId: string;
    try {
      ({ entryId } = await deps.account.post({
        orderId: order.id,
        kind: order.kind,
        memo: order.memo,
        channel: order.channel,
        legs: legsOf(order),
      }));
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      const refusal = LEDGER_REFUSALS[code] ?? (code === 'ORDER_VOIDED' ? '订单已作废' : undefined);
      if (!refusal) throw error; // an outage: the order stays RESERVED (CREATED if credit-only) for the sweeper or settlement
      if (takesLimit(order)) await deps.limits.release(order.id);
      const refused = await moveOrder(deps.prisma, order, code === 'ORDER_VOIDED' ? 'abandon' : 'refuseByLedger', deps.clock.now(), {
        ...firstRisk,
        failureCode: code,
        failureReason: refusal,
      });
      return { order: await movedOrCurrent(deps, order.id, refused), responseSaved: false };
    }
    await deps.afterStep?.('posted', order.id);
    const posted = await markPosted(deps, order, entryId, firstRisk);
    await deps.afterStep?.('status-posted', order.id);
    order = await movedOrCurrent(deps, order.id, posted);
  }
  if (order.status === 'POSTED') {
    if (order.route === 'OTHER_BANK') {
      // The clearing worker ends it: COMPLETED when settled, REVERSED (usage released) when returned.
      if (takesLimit(order)) await deps.limits.commit(order.id);
      await deps.afterStep?.('committed', order.id);
      return { order, responseSaved: false };
    }
    const completed = await completePosted(deps, order, options.completedResponse);
    return {
      order: await movedOrCurrent(deps, order.id, completed),
      responseSaved: completed !== null && options.completedResponse !== undefined,
    };
  }
  return { order, responseSaved: false };
}

/**
 * POSTED → COMPLETED for an order of this bank, the last step of the request and of the sweeper:
 * commits the limit usage (orders that took one), then completes the order, whose statement also
 * delivers what it bought or sold. Null when someone else moved it first.
 */
export async function completePosted(deps: MoneyDeps, order: Order, response?: MoveChanges['response']): Promise<Order | null> {
  if (takesLimit(order)) await deps.limits.commit(order.id);
  await deps.afterStep?.('committed', order.id);
  return moveOrder(deps.prisma, order, 'complete', deps.clock.now(), { response });
}

/** RESERVED → POSTED; an other-bank order queues its clearing instruction in the same statement. */
export async function markPosted(deps: MoneyDeps, order: Order, entryId: string, also: MoveChanges = {}): Promise<Order | null> {
  const now = deps.clock.now();
  return moveOrder(deps.prisma, order, 'post', now, {
    ...also,
    entryId,
    clearing:
      order.route === 'OTHER_BANK'
        ? { dueAt: new Date(now.getTime() + clearingDelayMs()), plannedReturn: plannedClearingReturn(order.destinationAccountNumber ?? '') }
        : undefined,
    // Waiting for the other bank is not being stuck: the clearing worker, not the sweeper, finishes it
    // (committing the limit usage on settlement if this process dies before it does).
    parked: order.route === 'OTHER_BANK',
  });
}

/**
 * Debit the payer; credit the payee's account here, the interbank clearing account for another bank,
 * merchant settlement, custody, the loan book (principal and interest income) or time deposits; or, for redemptions, withdrawals and loan
 * disbursements, credit the customer from the bank's side.
 */
export function legsOf(order: Order): LedgerLegInput[] {
  const amount = fenToDecimal(order.amount);
  const debit: LedgerLegInput = {
    accountId: order.sourceAccountId!,
    direction: 'DEBIT',
    amount,
    counterpartyName: order.destinationName,
    counterpartyAccountNumber: order.destinationAccountNumber,
    counterpartyBank: order.destinationBank ?? BANK,
  };
  if (order.route === 'OTHER_BANK') return [debit, { ledgerCode: 'INTERBANK_CLEARING', direction: 'CREDIT', amount }];
  // Bill payments (merchantPayments.ts): the bank owes the merchant until settlement.
  if (order.route === 'MERCHANT') return [debit, { ledgerCode: 'MERCHANT_SETTLEMENT', direction: 'CREDIT', amount }];
  // Wealth purchases (wealthSubscriptions.ts): held for the product until it invests the money. Custody
  // receives the full price; a coupon's discount is the bank's marketing expense, not a shortfall.
  if (order.route === 'CUSTODY') {
    if (order.discount === 0n) return [debit, { ledgerCode: 'PRODUCT_CUSTODY', direction: 'CREDIT', amount }];
    return [
      debit,
      { ledgerCode: 'MARKETING_EXPENSE', direction: 'DEBIT', amount: fenToDecimal(order.discount) },
      { ledgerCode: 'PRODUCT_CUSTODY', direction: 'CREDIT', amount: fenToDecimal(order.amount + order.discount) },
    ];
  }
  // Loan repayments (merchantPayments.ts): the principal goes back to the loan book, the interest is
  // the bank's income. A zero part (an interest-free installment) posts no leg: postings are never 0.
  if (order.route === 'LOAN') {
    const principal = order.amount - order.interest;
    return [
      debit,
      ...(principal > 0n ? [{ ledgerCode: 'LOAN_PRINCIPAL', direction: 'CREDIT' as const, amount: fenToDecimal(principal) }] : []),
      ...(order.interest > 0n
        ? [{ ledgerCode: 'INTEREST_INCOME', direction: 'CREDIT' as const, amount: fenToDecimal(order.interest) }]
        : []),
    ];
  }
  // Time deposits (timeDeposits.ts): the principal is held on the TIME_DEPOSIT account.
  if (order.route === 'TIME_DEPOSIT') return [debit, { ledgerCode: 'TIME_DEPOSIT', direction: 'CREDIT', amount }];
  const credit: LedgerLegInput = {
    accountId: order.sourceAccountId!,
    direction: 'CREDIT',
    amount,
    counterpartyName: order.destinationName,
    counterpartyBank: BANK,
  };
  // Redemptions (redemptions.ts): the product pays back out of custody.
  if (order.route === 'REDEMPTION') return [{ ledgerCode: 'PRODUCT_CUSTODY', direction: 'DEBIT', amount }, credit];
  // Loan disbursements (loanDisbursements.ts): the bank lends out of its loan book (LOAN_PRINCIPAL is
  // debited, as INTEREST_EXPENSE is for interest paid out); a repayment credits it back.
  if (order.route === 'LOAN_DISBURSEMENT') return [{ ledgerCode: 'LOAN_PRINCIPAL', direction: 'DEBIT', amount }, credit];
  // Deposit withdrawals: principal from TIME_DEPOSIT, interest from the bank's INTEREST_EXPENSE.
  if (order.route === 'DEPOSIT_WITHDRAWAL') {
    const principal: LedgerLegInput = {
      ledgerCode: 'TIME_DEPOSIT',
      direction: 'DEBIT',
      amount: fenToDecimal(order.amount - order.interest),
    };
    if (order.interest === 0n) return [principal, credit];
    return [principal, { ledgerCode: 'INTEREST_EXPENSE', direction: 'DEBIT', amount: fenToDecimal(order.interest) }, credit];
  }
  return [
    debit,
    {
      accountId: order.destinationAccountId!,
      direction: 'CREDIT',
      amount,
      counterpartyName: order.sourceHolderName,
      counterpartyAccountNumber: order.sourceAccountNumber,
      counterpartyBank: BANK,
    },
  ];
}
