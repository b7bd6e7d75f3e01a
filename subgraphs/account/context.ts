import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import { createAuthCenterClient } from '../auth/client';
import { createLimitsCenterClient } from '../limits/client';
import { createUserCenterClient } from '../user/client';
import type { PrismaClient } from './__generated__/prisma/client';
import type { AccountSelfServiceDeps } from './service/accountNumberReveal';
import { AccountRecord, findAccounts, findAccountsOfOwners } from './service/accounts';
import { createBoundCardVerifier } from './service/boundCardVerification/verifier';
import type { OpeningDeps } from './service/electronicAccounts';

export interface AccountContext extends BaseContext {
  prisma: PrismaClient;
  accountsById: DataLoader<string, AccountRecord | null>;
  accountsByOwner: DataLoader<string, AccountRecord[]>;
  /** What opening an electronic account needs: this store, the user and limits centers, the card check, time. */
  opening: OpeningDeps;
  /** What the owner's self-service (full number, loss report, unfreezing) needs: this store and auth's step-up tokens. */
  selfService: AccountSelfServiceDeps;
}

export function createAccountContext(base: BaseContext, prisma: PrismaClient): AccountContext {
  return {
    ...base,
    prisma,
    opening: {
      prisma,
      clock: base.clock,
      log: base.log,
      identities: createUserCenterClient('account', base.clock),
      agreements: createLimitsCenterClient('account', base.clock),
      cardVerifier: createBoundCardVerifier(base.log),
    },
    selfService: { prisma, clock: base.clock, log: base.log, auth: createAuthCenterClient('account', base.clock) },
    accountsById: rowsByKey(
      (ids) => findAccounts(prisma, ids),
      (account) => account.id,
    ),
    accountsByOwner: rowGroupsByKey(
      (ownerIds) => findAccountsOfOwners(prisma, ownerIds),
      (account) => account.ownerId ?? '',
    ),
  };
}
