/** The client device a sign-in or registration names: checked before anything else is done with the request. */
import { randomUUID } from 'node:crypto';
import { badInput } from '../../../platform/errors';
import type { DeviceDescriptor } from './login';

const DEVICE_ID = /^[\w.:-]{1,128}$/;
const FINGERPRINT = /^[\w+/=-]{8,128}$/;
const LABEL = /^[\w .:()-]{1,64}$/;

export function assertDeviceDescriptor(
  device: DeviceDescriptor | null | undefined,
  path: readonly string[],
): asserts device is DeviceDescriptor {
  if (!device) throw badInput('请提供设备信息', path);
  if (!DEVICE_ID.test(device.deviceId)) throw badInput('设备标识格式不正确', [...path, 'deviceId']);
  if (device.fingerprintHash && !FINGERPRINT.test(device.fingerprintHash))
    throw badInput('设备指纹格式不正确', [...path, 'fingerprintHash']);
  if (device.platform && !LABEL.test(device.platform)) throw badInput('设备平台格式不正确', [...path, 'platform']);
  if (device.appVersion && !LABEL.test(device.appVersion)) throw badInput('应用版本格式不正确', [...path, 'appVersion']);
}

/** A customer's device row as first seen, vouched for by an SMS code (a new-device sign-in or a registration). */
export function newDeviceRow(userId: string, device: DeviceDescriptor, now: Date) {
  return {
    id: randomUUID(),
    userId,
    deviceId: device.deviceId,
    fingerprintHash: device.fingerprintHash ?? null,
    name: device.platform ? `${device.platform} 设备` : '新设备',
    platform: device.platform ?? 'UNKNOWN',
    appVersion: device.appVersion ?? null,
    firstSeenAt: now,
    lastSeenAt: now,
  };
}
