/**
 * What bill payments and top-ups share about asking finance for a merchant order: which finance
 * refusals mean no order was written (so the local claim is released).
 */
import { ErrorCode } from '../../../platform/errors';

/** Finance refusals that mean nothing was written there: the claim is released. */
export const REFUSED_BEFORE_ORDER = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.AccountNotActive,
]);

/** Refusals about the paying account, reported on the caller's `sourceAccountId` field. */
export const SOURCE_ACCOUNT_REFUSALS = new Set<string>([ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.AccountNotActive]);
