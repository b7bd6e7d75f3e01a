/**
 * Idempotency keys, scoped to the customer and kept 7 days with the request hash, the risk
 * decision and the first response. The key's row is inserted in the same transaction as the order,
 * under the (owner, key) primary key: of concurrent duplicates exactly one creates an order.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, bankError } from '../../../platform/errors';
import type { IdempotencyRecord, Prisma, PrismaClient } from '../__generated__/prisma/client';

export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002' || /unique constraint|23505/i.test(String((error as Error)?.message));
}

/** Housekeeping: drops records older than 7 days. */
export async function purgeExpiredKeys(prisma: PrismaClient, now: Date): Promise<number> {
  return (await prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
