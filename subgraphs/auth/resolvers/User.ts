import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  devices: (user, _args, { identity, devicesByUser, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.devices');
    return devicesByUser.load(user.id);
  },
};
