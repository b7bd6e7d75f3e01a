import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  accounts: (user, _args, { identity, accountsByOwner, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.accounts');
    return accountsByOwner.load(user.id);
  },
};
