import { assertOwnedBy } from '../../kit/authorization';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { pinLockedToday } from '../service/pin';

export const User: UserResolvers = {
  __resolveReference: (reference, { identity, log }) => {
    assertOwnedBy(identity, reference.id, log, 'User');
    return { id: reference.id };
  },
  devices: (user, _args, { identity, devicesByUser, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.devices');
    return devicesByUser.load(user.id);
  },
  passkeys: (user, _args, { identity, passkeysByUser, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.passkeys');
    return passkeysByUser.load(user.id);
  },
  securitySettings: async (user, _args, { identity, prisma, clock, log }) => {
    assertOwnedBy(identity, user.id, log, 'User.securitySettings');
    const credential = await prisma.credential.findUnique({
      where: { userId: user.id },
      select: { pinHash: true, pinFailedCount: true, pinFailedDay: true },
    });
    return {
      transactionPinSet: Boolean(credential?.pinHash),
      transactionPinLocked: credential ? pinLockedToday(credential, clock.now()) : false,
    };
  },
};
