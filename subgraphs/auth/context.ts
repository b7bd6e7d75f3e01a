import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { authRuntimeOf, AuthRuntime } from './runtime';
import { DeviceRecord, findDevicesOfUsers } from './service/devices';
import type { SessionDeps } from './service/sessions';

export interface AuthContext extends BaseContext {
  prisma: PrismaClient;
  runtime: AuthRuntime;
  devicesByUser: DataLoader<string, DeviceRecord[]>;
}

export function createAuthContext(base: BaseContext, prisma: PrismaClient): AuthContext {
  return {
    ...base,
    prisma,
    runtime: authRuntimeOf(prisma),
    devicesByUser: rowGroupsByKey((userIds) => findDevicesOfUsers(prisma, userIds), (device) => device.userId),
  };
}

/** What the domain services need from a request context. */
export function sessionDeps(context: AuthContext): SessionDeps {
  return { prisma: context.prisma, runtime: context.runtime, clock: context.clock, log: context.log };
}
