import { assertOwnedBy, currentCustomerId, serviceCaller } from '../../kit/authorization';
import { forbidden, notFound } from '../../../platform/errors';
import { fenToDecimal } from '../../kit/money';
import { auditLedger, ledgerEntriesOfOrders, ledgerEntriesPostedBetween } from '../service/ledgerQueries';
import { holderNameOf } from '../service/holderName';
import { findTransferParties } from '../service/transferParties';
import type { Account } from '../__generated__/prisma/client';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  accounts: (_parent, _args, { identity, accountsByOwner }) => accountsByOwner.load(currentCustomerId(identity)),

  account: async (_parent, { id }, { identity, accountsById, log }) => {
    const account = await accountsById.load(id);
    if (!account) throw notFound('账户不存在');
    assertOwnedBy(identity, account.ownerId ?? '', log, 'Account');
    return account;
  },

  customerAccountClasses: async (_parent, { userId }, { accountsByOwner }) => {
    const accounts = await accountsByOwner.load(userId);
    return accounts.flatMap((account) =>
      account.accountClass ? [{ accountId: account.id, accountClass: account.accountClass, boundAccountId: account.boundAccountId }] : [],
    );
  },

  ledgerEntriesOfOrders: async (_parent, { orderIds }, { prisma }) => {
    const entries = await ledgerEntriesOfOrders(prisma, orderIds);
    return entries.map((entry) => ({ ...entry, total: fenToDecimal(entry.totalFen), amount: fenToDecimal(entry.amountFen) }));
  },

  ledgerEntriesPostedBetween: async (_parent, { from, to }, { prisma }) => {
    const entries = await ledgerEntriesPostedBetween(prisma, new Date(from), new Date(to));
    return entries.map((entry) => ({ ...entry, total: fenToDecimal(entry.totalFen), amount: fenToDecimal(entry.amountFen) }));
  },

  ledgerAudit: async (_parent, _args, { prisma }) => {
    const audit = await auditLedger(prisma);
    return { ...audit, sumOfAllBalances: fenToDecimal(audit.sumOfAllBalancesFen) };
  },

  transferParties: async (_parent, args, { identity, prisma, log }) => {
    const { actingFor } = serviceCaller(identity);
    const parties = await findTransferParties(prisma, args);
    if (!parties.source) throw notFound('付款账户不存在');
    if (parties.source.ownerId !== actingFor) {
      log.warn(
        { event: { action: 'access-denied', category: 'authorization' }, customerId: actingFor, resource: 'Account' },
        "transfer from another customer's account refused",
      );
      throw forbidden();
    }
    const view = (account: Account) => ({
      accountId: account.id,
      number: account.number,
      holderName: holderNameOf(account),
      accountClass: account.accountClass ?? 'I',
      boundAccountId: account.boundAccountId,
      status: account.status,
      currency: 'CNY' as const,
      ownedByCustomer: account.ownerId === actingFor,
      ownerId: account.ownerId,
    });
    return {
      source: view(parties.source),
      destination: parties.destination && view(parties.destination),
      destinationNameMatches: parties.destinationNameMatches,
    };
  },
};
