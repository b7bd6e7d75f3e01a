/**
 * How the ledger's refusals come back from PostgreSQL, and what they mean to the bank.
 * The invariants are constraints, so a refused post is an aborted statement: nothing was written.
 */
import type { PrismaClient } from '../__generated__/prisma/client';

export type LedgerErrorReason =
  | 'UNBALANCED'
  | 'INSUFFICIENT_FUNDS'
  | 'BALANCE_CAP_EXCEEDED'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_NOT_ACTIVE'
  | 'ORDER_VOIDED'
  | 'NOT_POSTED'
  | 'CONFLICT';

export class LedgerError extends Error {
  constructor(
    readonly reason: LedgerErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The driver's error text and code, wherever Prisma's adapter put them. */
function describe(error: unknown): { code: string; text: string } {
  const text = [String((error as Error)?.message ?? error), JSON.stringify((error as { meta?: unknown })?.meta ?? {})].join(' ');
  const code = /\b(23514|23502|23503|23505|40P01|40001)\b/.exec(text)?.[1] ?? '';
  return { code, text };
}

export function isRetryable(error: unknown): boolean {
  const { code, text } = describe(error);
  return code === '40P01' || code === '40001' || /deadlock detected|could not serialize/i.test(text);
}

/** Deadlocks between two transfers locking the same pair of accounts in opposite order: retry. */
export async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 3));
    }
  }
}

/** Maps an aborted post to a ledger reason; asks the accounts only on this failure path. */
export async function ledgerErrorOf(prisma: PrismaClient, error: unknown, accountIds: readonly string[]): Promise<Error> {
  const { text } = describe(error);
  if (text.includes('account_customer_not_negative')) return new LedgerError('INSUFFICIENT_FUNDS', '余额不足');
  if (text.includes('account_balance_cap')) return new LedgerError('BALANCE_CAP_EXCEEDED', '超过账户余额上限');
  if (/balance_after|null value|23502|23503|foreign key/i.test(text)) {
    const accounts = await prisma.account.findMany({ where: { id: { in: [...accountIds] } } });
    if (accounts.length < new Set(accountIds).size) return new LedgerError('ACCOUNT_NOT_FOUND', '账户不存在');
    return new LedgerError('ACCOUNT_NOT_ACTIVE', '账户状态不可用');
  }
  return error instanceof Error ? error : new Error(String(error));
}
