import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { AccountContext } from '../context';
import { OpeningCustomer, openElectronicAccount } from '../service/electronicAccounts';

/** A customer opens their own account from a customer channel: never staff (OPS) or a service. */
function openingCustomer({ identity }: AccountContext): OpeningCustomer {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel === 'OPS') throw bankError(ErrorCode.Forbidden, '电子账户须由客户本人在客户渠道开立');
  return { customerId: identity.userId, channel: identity.channel };
}

export const electronicAccountMutations: Pick<MutationResolvers, 'openElectronicAccount'> = {
  openElectronicAccount: async (_parent, { input }, ctx) => {
    const account = await openElectronicAccount(ctx.opening, openingCustomer(ctx), input);
    ctx.accountsById.prime(account.id, account);
    return account;
  },
};
