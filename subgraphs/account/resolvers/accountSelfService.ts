import { ErrorCode, bankError, unauthenticated } from '../../../platform/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { AccountContext } from '../context';
import { revealAccountNumber } from '../service/accountNumberReveal';
import { reportAccountLoss, unfreezeAccount } from '../service/lossReport';
import type { SelfServiceCustomer } from '../service/ownAccount';

/** Only the signed-in customer, on a customer channel: never staff (OPS) or a service. */
function selfServiceCustomer({ identity }: AccountContext): SelfServiceCustomer {
  if (identity.kind === 'gateway' && !identity.userId) throw unauthenticated();
  if (identity.kind !== 'gateway' || !identity.userId || identity.channel === 'OPS')
    throw bankError(ErrorCode.Forbidden, '该操作须由客户本人在客户渠道办理');
  return { customerId: identity.userId, channel: identity.channel };
}

export const accountSelfServiceMutations: Pick<MutationResolvers, 'revealAccountNumber' | 'reportAccountLoss' | 'unfreezeAccount'> = {
  revealAccountNumber: (_parent, { accountId, challengeToken }, ctx) =>
    revealAccountNumber(ctx.selfService, selfServiceCustomer(ctx), accountId, challengeToken),
  reportAccountLoss: async (_parent, { accountId }, ctx) => {
    const account = await reportAccountLoss(ctx.selfService, selfServiceCustomer(ctx), accountId);
    ctx.accountsById.clear(account.id).prime(account.id, account);
    return account;
  },
  unfreezeAccount: async (_parent, { accountId, challengeToken }, ctx) => {
    const account = await unfreezeAccount(ctx.selfService, selfServiceCustomer(ctx), accountId, challengeToken);
    ctx.accountsById.clear(account.id).prime(account.id, account);
    return account;
  },
};
