/** The customer's devices: listed, named, trusted (after a step-up) and removed. */
import { badInput, notFound } from '../../../platform/errors';
import type { Device, PrismaClient } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { isValidDisplayName } from './displayNames';
import { revokeSession, SessionDeps } from './sessions';

export type DeviceRecord = Device;
export interface UserReference {
  id: string;
}

export function findDevicesOfUsers(prisma: PrismaClient, userIds: readonly string[]): Promise<Device[]> {
  return prisma.device.findMany({ where: { userId: { in: [...userIds] } }, orderBy: { lastSeenAt: 'desc' } });
}

/** Another customer's device answers "not found", exactly like a device that does not exist. */
export async function ownDevice(prisma: PrismaClient, userId: string, id: string): Promise<Device> {
  const device = await prisma.device.findUnique({ where: { id } });
  if (!device || device.userId !== userId) throw notFound('设备不存在');
  return device;
}

export async function renameDevice(prisma: PrismaClient, userId: string, id: string, name: string): Promise<Device> {
  const trimmed = name.trim();
  if (!isValidDisplayName(trimmed)) throw badInput('设备名称为1到30个字符', ['name']);
  await ownDevice(prisma, userId, id);
  return prisma.device.update({ where: { id }, data: { name: trimmed } });
}

export async function trustDevice(deps: SessionDeps, userId: string, id: string): Promise<Device> {
  await ownDevice(deps.prisma, userId, id);
  const device = await deps.prisma.device.update({ where: { id }, data: { trusted: true } });
  await recordAudit(deps.prisma, deps.log, deps.clock.now(), {
    action: 'device-trusted',
    outcome: 'success',
    userId,
    details: { deviceId: device.deviceId },
  });
  return device;
}

/** Removing a device ends its sessions and retires its biometric keys; signing in there again needs SMS. */
export async function removeDevice(deps: SessionDeps, userId: string, id: string): Promise<boolean> {
  const device = await ownDevice(deps.prisma, userId, id);
  const sessions = await deps.prisma.session.findMany({
    where: { userId, deviceId: device.deviceId, revokedAt: null },
    select: { id: true },
  });
  for (const session of sessions) await revokeSession(deps, session.id, 'DEVICE_REMOVED');
  await deps.prisma.$transaction([
    deps.prisma.deviceKey.updateMany({
      where: { userId, deviceId: device.deviceId, revokedAt: null },
      data: { revokedAt: deps.clock.now() },
    }),
    deps.prisma.device.delete({ where: { id } }),
  ]);
  await recordAudit(deps.prisma, deps.log, deps.clock.now(), {
    action: 'device-removed',
    outcome: 'success',
    userId,
    details: { deviceId: device.deviceId },
  });
  return true;
}
