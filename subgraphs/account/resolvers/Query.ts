import { assertOwnedBy, currentCustomerId, requireServiceScope } from '../../kit/authorization';
import { notFound } from '../../kit/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  accounts: (_parent, _args, { identity, accountsByOwner }) => accountsByOwner.load(currentCustomerId(identity)),

  account: async (_parent, { id }, { identity, accountsById, log }) => {
    const account = await accountsById.load(id);
    if (!account) throw notFound('账户不存在');
    assertOwnedBy(identity, account.ownerId ?? '', log, 'Account');
    return account;
  },

  customerAccountClasses: async (_parent, { userId }, { identity, accountsByOwner }) => {
    requireServiceScope(identity, 'account:classes:read');
    const accounts = await accountsByOwner.load(userId);
    return accounts.flatMap((account) =>
      account.accountClass
        ? [{ accountId: account.id, accountClass: account.accountClass, boundAccountId: account.boundAccountId }]
        : [],
    );
  },
};
