/**
 * Password sign-in. An unknown mobile and a wrong password answer the same error after the same
 * work (no account enumeration). Lockout, SMS checks for new devices and refresh tokens build on this.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kit/clock';
import { ErrorCode, bankError, badInput } from '../../kit/errors';
import { blindIndex } from '../../kit/fieldCipher';
import type { ChannelName } from '../../kit/identity';
import type { PrismaClient } from '../__generated__/prisma/client';
import type { AccessTokenSigner } from './signingKeys';
import { verifyPassword } from './passwords';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;
const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const MOBILE = /^1[3-9]\d{9}$/;

export interface LoginRequest {
  mobile: string;
  password: string;
  channel: ChannelName;
  device?: { deviceId: string; fingerprintHash?: string | null; platform?: string | null; appVersion?: string | null } | null;
}

export interface LoginOutcome {
  userId: string;
  accessToken: string;
  expiresAt: Date;
}

export async function loginWithPassword(
  prisma: PrismaClient,
  signer: AccessTokenSigner,
  clock: Clock,
  request: LoginRequest,
): Promise<LoginOutcome> {
  if (!MOBILE.test(request.mobile)) throw badInput('手机号格式不正确', ['input', 'mobile']);
  if (request.password.length === 0 || request.password.length > 128) throw badInput('密码长度不正确', ['input', 'password']);
  if (request.device && !/^[\w.:-]{1,128}$/.test(request.device.deviceId)) {
    throw badInput('设备标识格式不正确', ['input', 'device', 'deviceId']);
  }

  const credential = await prisma.credential.findUnique({ where: { loginIndex: blindIndex('mobile', request.mobile) } });
  const valid = await verifyPassword(credential?.passwordHash, request.password);
  if (!credential || !valid) throw bankError(ErrorCode.InvalidCredentials, '手机号或密码错误');

  const now = clock.now();
  const sessionId = randomUUID();
  const deviceId = request.device?.deviceId;
  await prisma.$transaction([
    prisma.session.create({
      data: {
        id: sessionId,
        userId: credential.userId,
        channel: request.channel,
        deviceId,
        authLevel: 1,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      },
    }),
    ...(request.device
      ? [
          prisma.device.upsert({
            where: { userId_deviceId: { userId: credential.userId, deviceId: request.device.deviceId } },
            update: { lastSeenAt: now, appVersion: request.device.appVersion ?? undefined },
            create: {
              id: randomUUID(),
              userId: credential.userId,
              deviceId: request.device.deviceId,
              fingerprintHash: request.device.fingerprintHash ?? null,
              name: request.device.platform ?? '未知设备',
              platform: request.device.platform ?? 'UNKNOWN',
              appVersion: request.device.appVersion ?? null,
              firstSeenAt: now,
              lastSeenAt: now,
            },
          }),
        ]
      : []),
  ]);

  const accessToken = await signer.sign(
    { sub: credential.userId, sid: sessionId, chn: request.channel, dev: deviceId, acr: 1 },
    now,
    ACCESS_TOKEN_LIFETIME_SECONDS,
  );
  return { userId: credential.userId, accessToken, expiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000) };
}
