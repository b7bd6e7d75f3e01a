/**
 * The clearing simulator's rules: how long the other bank takes, and which (test) account numbers
 * it returns and why. Returns are decided from the account number so scenarios are repeatable.
 */
export const CLEARING_RETURN_REASONS = {
  NAME_MISMATCH: '户名不符',
  ACCOUNT_CLOSED: '账户已销户',
  ACCOUNT_FROZEN: '账户已冻结',
  ACCOUNT_NOT_FOUND: '账号不存在',
} as const;

export type ClearingReturnReason = keyof typeof CLEARING_RETURN_REASONS;

/** Account numbers ending in these digits are returned by the simulated other bank. */
const RETURNS_BY_SUFFIX: Record<string, ClearingReturnReason> = {
  '0001': 'NAME_MISMATCH',
  '0002': 'ACCOUNT_CLOSED',
  '0003': 'ACCOUNT_FROZEN',
  '0004': 'ACCOUNT_NOT_FOUND',
};

export function plannedClearingReturn(accountNumber: string): ClearingReturnReason | null {
  return RETURNS_BY_SUFFIX[accountNumber.slice(-4)] ?? null;
}

/** `CLEARING_DELAY_MS` (default 60 s of the center's clock). */
export function clearingDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CLEARING_DELAY_MS ?? 60_000);
  return Number.isFinite(value) && value >= 0 ? value : 60_000;
}
