import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey, rowsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { AccountRecord, findAccounts, findAccountsOfOwners } from './service/accounts';

export interface AccountContext extends BaseContext {
  prisma: PrismaClient;
  accountsById: DataLoader<string, AccountRecord | null>;
  accountsByOwner: DataLoader<string, AccountRecord[]>;
}

export function createAccountContext(base: BaseContext, prisma: PrismaClient): AccountContext {
  return {
    ...base,
    prisma,
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
