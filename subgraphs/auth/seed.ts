import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../kit/demo';
import { blindIndex } from '../kit/fieldCipher';
import type { PrismaClient } from './__generated__/prisma/client';
import { hashPassword } from './service/passwords';

/** Demo credentials and each demo customer's trusted device (so scripted sign-ins need no SMS step). */
export async function seedAuthCenter(prisma: PrismaClient): Promise<void> {
  const existing = new Set((await prisma.credential.findMany({ select: { userId: true } })).map((row) => row.userId));
  const seenAt = new Date('2026-11-01T01:00:00.000Z');
  for (const customer of DEMO_CUSTOMERS) {
    if (!existing.has(customer.id)) {
      await prisma.credential.create({
        data: { userId: customer.id, loginIndex: blindIndex('mobile', customer.mobile), passwordHash: await hashPassword(DEMO_PASSWORD) },
      });
    }
    await prisma.device.upsert({
      where: { userId_deviceId: { userId: customer.id, deviceId: customer.deviceId } },
      update: {},
      create: {
        id: `d-${customer.deviceId}`,
        userId: customer.id,
        deviceId: customer.deviceId,
        name: '演示手机',
        platform: 'ANDROID',
        appVersion: '6.0.0',
        trusted: true,
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
      },
    });
  }
}
