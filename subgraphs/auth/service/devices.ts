import type { Device, PrismaClient } from '../__generated__/prisma/client';

export type DeviceRecord = Device;
export interface UserReference {
  id: string;
}

export function findDevicesOfUsers(prisma: PrismaClient, userIds: readonly string[]): Promise<Device[]> {
  return prisma.device.findMany({ where: { userId: { in: [...userIds] } }, orderBy: { lastSeenAt: 'desc' } });
}
