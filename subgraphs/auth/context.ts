import type DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { DeviceRecord, findDevicesOfUsers } from './service/devices';
import { AccessTokenSigner } from './service/signingKeys';

export interface AuthContext extends BaseContext {
  prisma: PrismaClient;
  signer: AccessTokenSigner;
  devicesByUser: DataLoader<string, DeviceRecord[]>;
}

/** One signer per store: the active private key is imported once, not per request. */
const signers = new WeakMap<PrismaClient, AccessTokenSigner>();

export function createAuthContext(base: BaseContext, prisma: PrismaClient): AuthContext {
  let signer = signers.get(prisma);
  if (!signer) {
    signer = new AccessTokenSigner(prisma);
    signers.set(prisma, signer);
  }
  return {
    ...base,
    prisma,
    signer,
    devicesByUser: rowGroupsByKey((userIds) => findDevicesOfUsers(prisma, userIds), (device) => device.userId),
  };
}
