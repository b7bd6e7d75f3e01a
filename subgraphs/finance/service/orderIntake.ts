/**
 * How a request becomes an order, the same for every order kind (transfer, merchant payment,
 * purchase, deposit, redemption, withdrawal, loan disbursement):
 * - the request's hash, and its idempotency key, scoped to the customer and kept 7 days with the
 *   hash, the risk decision and the first answer;
 * - a replayed key answers the first result (`IDEMPOTENCY_CONFLICT` if the request differs);
 * - the key's record is inserted in the same transaction as the order and its first event, under the
 *   (owner, key) primary key: of concurrent duplicates exactly one creates an order, and the others
 *   answer the one it created;
 * - what a transfer-like order answers (`TransferOutcome`), as stored with the key.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, bankError } from '../../../platform/errors';
import { insertOrAnswerRaced } from '../../kit/database/uniqueViolation';
import type { IdempotencyRecord, Order, Prisma, PrismaClient } from '../__generated__/prisma/client';
import type { TransferAccountView } from '../../account/client';
import type { MoneyDeps } from './deps';
import { EntryStatus, NewOrder, enterOrder } from './orderMachine';

export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What `createTransfer`, `confirmTransfer` and merchant payments answer: a small JSON value kept under the key. */
export type TransferOutcome =
  | { kind: 'COMPLETED'; orderId: string }
  | { kind: 'PENDING'; orderId: string }
  | { kind: 'CHALLENGE_REQUIRED'; orderId: string; challengeId: string; methods: string[] }
  | { kind: 'REJECTED'; orderId: string; code: string; reason: string; limit?: string | null };

export function outcomeOf(order: Order): TransferOutcome {
  switch (order.status) {
    case 'COMPLETED':
      return { kind: 'COMPLETED', orderId: order.id };
    case 'CHALLENGE_REQUIRED':
      return {
        kind: 'CHALLENGE_REQUIRED',
        orderId: order.id,
        challengeId: order.riskDecisionId ?? order.id,
        methods: order.challengeMethods,
      };
    case 'REJECTED':
    case 'FAILED':
    case 'REVERSED':
      return {
        kind: 'REJECTED',
        orderId: order.id,
        code: order.failureCode ?? order.status,
        reason: order.failureReason ?? '交易未成功',
        limit: order.failureLimit,
      };
    default:
      // CREATED / RESERVED / POSTED: still in flight (a concurrent duplicate) or waiting for clearing.
      return { kind: 'PENDING', orderId: order.id };
  }
}

/** A stable hash of what the request asks for (field order fixed here, not by the client). */
export function requestHash(fields: Record<string, string | null>): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key] ?? ''}`)
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}

/** The live record under the key, or null; an expired one is removed so the key can be used again. */
export async function findIdempotencyRecord(
  prisma: PrismaClient,
  ownerId: string,
  key: string,
  now: Date,
): Promise<IdempotencyRecord | null> {
  const record = await prisma.idempotencyRecord.findUnique({ where: { ownerId_key: { ownerId, key } } });
  if (record && record.expiresAt <= now) {
    await prisma.idempotencyRecord.deleteMany({ where: { ownerId, key, expiresAt: { lte: now } } });
    return null;
  }
  return record;
}

export function assertSameRequest(record: IdempotencyRecord, hash: string): void {
  if (record.requestHash !== hash) {
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的交易', { field: ['input', 'idempotencyKey'] });
  }
}

/** The record of the same request under the key, or null; `IDEMPOTENCY_CONFLICT` if the key holds another request. */
export async function sameRequestRecord(prisma: PrismaClient, ownerId: string, key: string, hash: string, now: Date) {
  const record = await findIdempotencyRecord(prisma, ownerId, key, now);
  if (record) assertSameRequest(record, hash);
  return record;
}

/** The first answer of a replayed key (or the order's state while it is in progress), or null for a new key. */
export async function replayOf(deps: MoneyDeps, customerId: string, key: string, hash: string, now: Date): Promise<TransferOutcome | null> {
  const record = await sameRequestRecord(deps.prisma, customerId, key, hash, now);
  return record && answerOf(deps, record);
}

/** The answer kept under the record, or its order's state while it is in progress. */
export async function answerOf(deps: Pick<MoneyDeps, 'prisma'>, record: IdempotencyRecord): Promise<TransferOutcome> {
  if (record.response) return record.response as unknown as TransferOutcome;
  return outcomeOf(await deps.prisma.order.findUniqueOrThrow({ where: { id: record.orderId } }));
}

export async function saveResponse(
  prisma: PrismaClient,
  ownerId: string,
  key: string,
  response: Prisma.InputJsonValue,
  riskDecision?: string,
): Promise<void> {
  // Only the first response is kept: a later one (a replay) never overwrites it.
  await prisma.$executeRaw`
    UPDATE idempotency_record SET response = ${JSON.stringify(response)}::jsonb, risk_decision = coalesce(${riskDecision ?? null}, risk_decision)
     WHERE owner_id = ${ownerId} AND key = ${key} AND response IS NULL`;
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

/** A new order under the request's key: the order carries its owner, key and request hash. */
type KeyedOrder = NewOrder & { ownerId: string; idempotencyKey: string; requestHash: string };

/** The key's record for a new order, inserted in the order's transaction. */
export function keyRecordOf(order: KeyedOrder) {
  return {
    ownerId: order.ownerId,
    key: order.idempotencyKey,
    requestHash: order.requestHash,
    orderId: order.id,
    createdAt: order.createdAt,
    expiresAt: new Date(order.createdAt.getTime() + IDEMPOTENCY_TTL_MS),
  };
}

export type Intake = { created: Order; raced?: never } | { raced: IdempotencyRecord; created?: never };

/**
 * Creates the order once: its key's record, the order (entered in `start`) and its first event, and
 * `also` (the kind's own rows), in one transaction. A concurrent duplicate that won the key answers
 * with its record (`raced`; `IDEMPOTENCY_CONFLICT` if it holds another request).
 */
export async function createOrderOnce(
  deps: Pick<MoneyDeps, 'prisma'>,
  order: KeyedOrder,
  options: { start?: EntryStatus; also?: Prisma.PrismaPromise<unknown>[] } = {},
): Promise<Intake> {
  return insertOrAnswerRaced<Intake, Intake>(
    async () => {
      const written = await deps.prisma.$transaction([
        deps.prisma.idempotencyRecord.create({ data: keyRecordOf(order) }),
        ...enterOrder(deps.prisma, order, options.start),
        ...(options.also ?? []),
      ]);
      return { created: written[1] as Order };
    },
    async () => {
      const raced = await sameRequestRecord(deps.prisma, order.ownerId, order.idempotencyKey, order.requestHash, order.createdAt);
      return raced && { raced };
    },
  );
}
