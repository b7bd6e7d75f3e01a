/**
 * The auth center's step-up for the account center's own self-service actions: a challenge token passed for the purpose
 * and bound to the account (kit/actionHash.ts `accountActionHash`), consumed once through the auth client. A token not
 * passed, already used, expired, or for another account or purpose is CHALLENGE_FAILED and changes nothing.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { ChallengeTokenClient } from '../../auth/client';
import { accountActionHash } from '../../kit/actionHash';

export type AccountStepUpPurpose = 'REVEAL_ACCOUNT_NUMBER' | 'UNFREEZE_ACCOUNT';

export async function requireAccountStepUp(
  auth: ChallengeTokenClient,
  customerId: string,
  purpose: AccountStepUpPurpose,
  accountId: string,
  challengeToken: string,
): Promise<void> {
  const passed = await auth.consumeChallengeToken(customerId, challengeToken, purpose, accountActionHash({ purpose, accountId }));
  if (!passed) throw bankError(ErrorCode.ChallengeFailed, '安全验证未通过或已失效，请重新验证', { field: ['challengeToken'] });
}
