import { ErrorCode, bankError } from '../../kit/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { loginWithPassword } from '../service/login';

export const Mutation: MutationResolvers = {
  login: async (_parent, { input }, { identity, prisma, signer, clock }) => {
    if (identity.kind !== 'gateway') throw bankError(ErrorCode.Forbidden, '登录只能经由网关发起');
    const outcome = await loginWithPassword(prisma, signer, clock, { ...input, channel: identity.channel });
    return { accessToken: outcome.accessToken, tokenType: 'Bearer', expiresAt: outcome.expiresAt, userId: outcome.userId };
  },
};
