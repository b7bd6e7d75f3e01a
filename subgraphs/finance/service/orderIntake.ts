/**
 * What every order kind (transfer, merchant payment, purchase, deposit, redemption, withdrawal) does
 * the same way when a request comes in: answer a replayed idempotency key with the first result, and
 * create the order (its source-account columns as the account center answered them) together with
 * its ORDER_CREATED outbox event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { fenToDecimal } from '../../kit/money';
import type { TransferAccountView } from '../../account/client';
import type { MoneyDeps } from './deps';
import { assertSameRequest, findIdempotencyRecord } from './idempotency';
import { TransferOutcome, outcomeOf } from './transferResult';

/** The first result of a replayed key (or of an order still in progress); `IDEMPOTENCY_CONFLICT` if the request differs. */
export async function replayOf(deps: MoneyDeps, customerId: string, key: string, hash: string, now: Date): Promise<TransferOutcome | null> {
  const record = await findIdempotencyRecord(deps.prisma, customerId, key, now);
  if (!record) return null;
  assertSameRequest(record, hash);
  if (record.response) return record.response as unknown as TransferOutcome;
  return outcomeOf(await deps.prisma.order.findUniqueOrThrow({ where: { id: record.orderId } }));
}

/** The order columns that describe its source account, as the account center answered them. */
export function sourceAccountColumns(source: TransferAccountView) {
  return {
    sourceAccountId: source.accountId,
    sourceAccountClass: source.accountClass,
    sourceAccountNumber: source.number,
    sourceHolderName: source.holderName,
  };
}

interface NewOrderEvent {
  orderId: string;
  customerId: string;
  amount: bigint;
  now: Date;
  status?: 'CREATED' | 'REJECTED';
}

/** The outbox row written in the same transaction as a new order (`ORDER_CREATED`, or `ORDER_REJECTED` when refused at intake). */
export function orderCreatedEventData(order: NewOrderEvent) {
  const status = order.status ?? 'CREATED';
  return {
    id: randomUUID(),
    aggregateId: order.orderId,
    type: `ORDER_${status}`,
    payload: { orderId: order.orderId, customerId: order.customerId, status, amount: fenToDecimal(order.amount) },
    createdAt: order.now,
    nextAttemptAt: order.now,
  };
}

/** The same row as a statement for a batch transaction (`$transaction([...])`). */
export function orderCreatedEvent(deps: MoneyDeps, order: NewOrderEvent) {
  return deps.prisma.outboxEvent.create({ data: orderCreatedEventData(order) });
}
