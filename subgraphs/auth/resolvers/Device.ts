import type { DeviceResolvers } from '../__generated__/resolvers-types';

export const Device: DeviceResolvers = {
  // Devices are only reached through User.devices, which has checked ownership already.
  deviceKey: async (device, _args, { deviceKeysByUser }) =>
    (await deviceKeysByUser.load(device.userId)).find((key) => key.deviceId === device.deviceId) ?? null,
};
