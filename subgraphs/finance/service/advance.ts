/**
 * Drives a transfer order forward from wherever it is: CREATED → RESERVED (limits) → POSTED
 * (ledger) → COMPLETED (same bank) or waiting for clearing (other bank). Every step asks the
 * owning center with the order id, and every center answers a repeated step with its first
 * answer, so running this twice (a retry, a crash, the sweeper) never moves money twice.
 */
import { GraphQLError } from 'graphql';
import { fenToDecimal } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';
import type { LedgerLegInput } from '../clients/account';
import { plannedClearingReturn, clearingDelayMs } from './clearingRules';
import type { MoneyDeps } from './deps';
import { transition } from './orderSteps';

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

export async function advanceOrder(deps: MoneyDeps, start: Order): Promise<Order> {
  let order = start;
  if (order.status === 'CREATED') {
    const reserved = await deps.limits.reserve(order.ownerId, {
      orderId: order.id,
      accountId: order.sourceAccountId!,
      accountClass: order.sourceAccountClass ?? 'I',
      countsToClassLimit: order.countsToClassLimit,
      channel: order.channel,
      amount: fenToDecimal(order.amount),
    });
    if (!reserved.ok) {
      await transition(deps.prisma, order, ['CREATED'], 'REJECTED', deps.clock.now(), { failureCode: 'LIMIT_EXCEEDED', failureReason: reserved.reason ?? '超过限额' });
      return reload(deps, order.id);
    }
    await deps.afterStep?.('reserved', order.id);
    const moved = await transition(deps.prisma, order, ['CREATED'], 'RESERVED', deps.clock.now());
    await deps.afterStep?.('status-reserved', order.id);
    order = await reload(deps, order.id);
    // Recovery gave up on this order while we were reserving: give the usage back, nothing will post.
    if (!moved && (order.status === 'FAILED' || order.status === 'REJECTED')) await deps.limits.release(order.id);
  }
  if (order.status === 'RESERVED') {
    let entryId: string;
    try {
      ({ entryId } = await deps.account.post({ orderId: order.id, kind: order.kind, memo: order.memo, channel: order.channel, legs: legsOf(order) }));
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      const refusal = LEDGER_REFUSALS[code] ?? (code === 'ORDER_VOIDED' ? '订单已作废' : undefined);
      if (!refusal) throw error; // an outage: the order stays RESERVED for the sweeper
      await deps.limits.release(order.id);
      await transition(deps.prisma, order, ['RESERVED'], code === 'ORDER_VOIDED' ? 'FAILED' : 'REJECTED', deps.clock.now(), { failureCode: code, failureReason: refusal });
      return reload(deps, order.id);
    }
    await deps.afterStep?.('posted', order.id);
    await markPosted(deps, order, entryId);
    await deps.afterStep?.('status-posted', order.id);
    order = await reload(deps, order.id);
  }
  if (order.status === 'POSTED') {
    await deps.limits.commit(order.id);
    await deps.afterStep?.('committed', order.id);
    if (order.route !== 'OTHER_BANK') {
      await transition(deps.prisma, order, ['POSTED'], 'COMPLETED', deps.clock.now(), { completed: true });
      order = await reload(deps, order.id);
    }
  }
  return order;
}

/** RESERVED → POSTED; an other-bank order queues its clearing instruction in the same statement. */
export async function markPosted(deps: MoneyDeps, order: Order, entryId: string): Promise<boolean> {
  const now = deps.clock.now();
  return transition(deps.prisma, order, ['CREATED', 'RESERVED'], 'POSTED', now, {
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

/** Debit the payer; credit the payee's account here, the interbank clearing account for another bank, or merchant settlement. */
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
  // Wealth purchases (wealthSubscriptions.ts): held for the product until it invests the money.
  if (order.route === 'CUSTODY') return [debit, { ledgerCode: 'PRODUCT_CUSTODY', direction: 'CREDIT', amount }];
  return [debit, { accountId: order.destinationAccountId!, direction: 'CREDIT', amount, counterpartyName: order.sourceHolderName, counterpartyAccountNumber: order.sourceAccountNumber, counterpartyBank: BANK }];
}
