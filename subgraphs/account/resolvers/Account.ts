import { assertOwnedBy } from '../../kit/authorization';
import { readPageRequest, toConnection } from '../../kit/connection';
import { notFound } from '../../../platform/errors';
import { maskAccountNumber } from '../../kit/fieldCipher';
import { money } from '../../kit/money';
import type { AccountResolvers } from '../__generated__/resolvers-types';
import { boundAccountOf } from '../service/boundAccount';
import { findHistoryPage, isHistoryPosition, positionOf } from '../service/transactions';

export const Account: AccountResolvers = {
  __resolveReference: async (reference, { identity, accountsById, log }) => {
    const account = await accountsById.load(reference.id);
    if (!account) throw notFound('账户不存在');
    assertOwnedBy(identity, account.ownerId ?? '', log, 'Account');
    return account;
  },
  maskedNumber: (account) => maskAccountNumber(account.number),
  accountClass: (account) => account.accountClass ?? 'I',
  currency: () => 'CNY',
  balance: (account) => money(account.balance),
  availableBalance: (account) => money(account.availableBalance),
  freezeReason: (account) => (account.status === 'FROZEN' ? (account.freezeReason ?? 'BANK_ORDER') : null),
  balanceCap: (account) => (account.balanceCap === null ? null : money(account.balanceCap)),
  boundTo: (account, _args, { accountsById }) => boundAccountOf(account, accountsById),
  transactions: async (account, args, { prisma }) => {
    const page = readPageRequest(args, isHistoryPosition);
    const rows = await findHistoryPage(prisma, account.id, page);
    return toConnection(rows, page.take, positionOf, (posting) => posting);
  },
};
