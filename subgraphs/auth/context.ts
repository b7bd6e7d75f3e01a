import type { PasswordResetDeps } from './service/passwordReset';
import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { createUserCenterClient, UserCenterClient } from '../user/client';
import { rowGroupsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { authRuntimeOf, AuthRuntime } from './runtime';
import { DeviceRecord, findDevicesOfUsers } from './service/devices';
import type { DeviceKeyRecord } from './service/deviceKeys';
import { findPasskeysOfUsers, PasskeyRecord } from './service/passkeys/store';
import type { RegistrationDeps } from './service/registration/complete';
import type { SessionDeps } from './service/sessions';

export interface AuthContext extends BaseContext {
  prisma: PrismaClient;
  runtime: AuthRuntime;
  devicesByUser: DataLoader<string, DeviceRecord[]>;
  passkeysByUser: DataLoader<string, PasskeyRecord[]>;
  /** Active device keys by user, for Device.deviceKey. */
  deviceKeysByUser: DataLoader<string, DeviceKeyRecord[]>;
  /** The user center's published client: registration creates the customer record there. */
  userCenter: Pick<UserCenterClient, 'registerCustomer' | 'matchFaceOnFile'>;
}

export function createAuthContext(base: BaseContext, prisma: PrismaClient): AuthContext {
  return {
    ...base,
    prisma,
    runtime: authRuntimeOf(prisma),
    devicesByUser: rowGroupsByKey(
      (userIds) => findDevicesOfUsers(prisma, userIds),
      (device) => device.userId,
    ),
    passkeysByUser: rowGroupsByKey(
      (userIds) => findPasskeysOfUsers(prisma, userIds),
      (passkey) => passkey.userId,
    ),
    deviceKeysByUser: rowGroupsByKey(
      (userIds) => prisma.deviceKey.findMany({ where: { userId: { in: [...userIds] }, revokedAt: null } }),
      (key) => key.userId,
    ),
    userCenter: createUserCenterClient('auth', base.clock),
  };
}

/** What the domain services need from a request context. */
export function sessionDeps(context: AuthContext): SessionDeps {
  return { prisma: context.prisma, runtime: context.runtime, clock: context.clock, log: context.log };
}

/** What registration needs besides: the user center, where the customer record is created. */
export function registrationDeps(context: AuthContext): RegistrationDeps & PasswordResetDeps {
  return { ...sessionDeps(context), userCenter: context.userCenter };
}
