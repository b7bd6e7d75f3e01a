/**
 * What bill payments and top-ups share about asking finance for a merchant order: the client key
 * format, and which finance refusals mean no order was written (so the local claim is released).
 */
import { ErrorCode } from '../../../platform/errors';

/** The client's idempotency key: 8–64 `[A-Za-z0-9_-]`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Finance refusals that mean nothing was written there: the claim is released. */
export const REFUSED_BEFORE_ORDER = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.AccountNotActive,
]);

/** Refusals about the paying account, reported on the caller's `sourceAccountId` field. */
export const SOURCE_ACCOUNT_REFUSALS = new Set<string>([ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.AccountNotActive]);

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002' || /unique constraint|23505/i.test(String((error as Error)?.message));
}
