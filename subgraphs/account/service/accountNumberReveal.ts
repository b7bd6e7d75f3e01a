/**
 * A customer sees the full number of their own account, to give it to a payer (every list shows it masked): only after
 * a step-up bound to that account (REVEAL_ACCOUNT_NUMBER), one token per look. Each answer is audit-logged with the
 * customer, the account and the channel; the number itself is never logged.
 */
import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/observability/logger';
import type { ChallengeTokenClient } from '../../auth/client';
import type { PrismaClient } from '../__generated__/prisma/client';
import { findOwnAccount, SelfServiceCustomer } from './ownAccount';
import { requireAccountStepUp } from './stepUp';

export interface AccountSelfServiceDeps {
  prisma: PrismaClient;
  clock: Clock;
  log: Logger;
  /** Consumes the step-up tokens (auth's consumeChallengeToken, scope auth:challenge:consume). */
  auth: ChallengeTokenClient;
}

export async function revealAccountNumber(
  deps: AccountSelfServiceDeps,
  customer: SelfServiceCustomer,
  accountId: string,
  challengeToken: string,
): Promise<string> {
  const account = await findOwnAccount(deps, customer, accountId, 'reveal-account-number');
  try {
    await requireAccountStepUp(deps.auth, customer.customerId, 'REVEAL_ACCOUNT_NUMBER', account.id, challengeToken);
  } catch (error) {
    deps.log.warn(
      { event: 'account.number.reveal-refused', customerId: customer.customerId, accountId: account.id, channel: customer.channel },
      'full account number refused: step-up not passed',
    );
    throw error;
  }
  deps.log.info(
    { event: 'account.number.revealed', customerId: customer.customerId, accountId: account.id, channel: customer.channel },
    'full account number shown to its owner',
  );
  return account.number;
}
