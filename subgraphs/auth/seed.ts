import type { Clock } from '../../platform/clock';
import type { DevelopmentFeatures } from '../../platform/config';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../kit/demo';
import { blindIndex, encryptField } from '../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../kit/fieldEncryption/columns';
import { CREDENTIAL, STAFF_USER } from './encryptedColumns';
import type { Logger } from '../../platform/observability/logger';
import type { PrismaClient } from './__generated__/prisma/client';
import { demoDeviceKey } from './demoDeviceKeys';
import { hashPassword } from './service/passwords';
import { ensurePinKey } from './service/pin';
import { ensureDefaultRules } from './service/risk/rules';
import { maintainSigningKeys } from './service/signingKeys';
import { DEMO_OPERATOR, demoOperatorTotpSecret } from './service/staff';

/** Demo credentials, each demo customer's trusted device with its biometric key (so scripted sign-ins need no SMS step) and the demo operator. */
export async function seedAuthCenter(prisma: PrismaClient): Promise<void> {
  const existing = new Set((await prisma.credential.findMany({ select: { userId: true } })).map((row) => row.userId));
  const seenAt = new Date('2026-11-01T01:00:00.000Z');
  for (const customer of DEMO_CUSTOMERS) {
    if (!existing.has(customer.id)) {
      await prisma.credential.create({
        data: {
          userId: customer.id,
          loginIndex: blindIndex(indexBinding(CREDENTIAL, 'login_index'), customer.mobile),
          mobileEncrypted: encryptField(customer.mobile, fieldBinding(CREDENTIAL, 'mobile_encrypted', customer.id)),
          passwordHash: await hashPassword(DEMO_PASSWORD),
        },
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
    // The demo phone's biometric key: scripted MOBILE_APP sign-ins prove the device with it.
    const key = demoDeviceKey(customer.id);
    await prisma.deviceKey.upsert({
      where: { id: key.id },
      update: {},
      create: { id: key.id, userId: customer.id, deviceId: customer.deviceId, publicKey: key.publicKey, createdAt: seenAt },
    });
  }
  if (!(await prisma.staffUser.findUnique({ where: { username: DEMO_OPERATOR.username } }))) {
    await prisma.staffUser.create({
      data: {
        ...DEMO_OPERATOR,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        totpSecret: encryptField(demoOperatorTotpSecret(), fieldBinding(STAFF_USER, 'totp_secret', DEMO_OPERATOR.id)),
        createdAt: seenAt,
      },
    });
  }
}

/** Before the first request: token signing keys (the first, or a rotation that fell due while stopped), the PIN encryption key, the starting risk rules. */
export async function prepareAuthCenter(prisma: PrismaClient, clock: Clock, log: Logger, development: DevelopmentFeatures): Promise<void> {
  await maintainSigningKeys(prisma, clock);
  await ensurePinKey(prisma, clock.now());
  await ensureDefaultRules(prisma, clock.now());
  if (development.operatorTotpInLog && (await prisma.staffUser.findUnique({ where: { username: DEMO_OPERATOR.username } }))) {
    log.info(
      { operator: DEMO_OPERATOR.username, totpSecret: demoOperatorTotpSecret() },
      `demo operator "${DEMO_OPERATOR.username}" / ${DEMO_PASSWORD} (OPS channel); TOTP secret ${demoOperatorTotpSecret()} — add it to an authenticator app`,
    );
  }
}
