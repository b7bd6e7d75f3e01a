/**
 * Binding a mini-program identity to a customer, and signing in with it. The customer first signs
 * in on the mini-program channel with the password (a new device needs its SMS code), passes an SMS
 * challenge for BIND_MINI_PROGRAM, then binds the platform identity behind a fresh code. From then
 * on a code from that platform signs the customer in on that channel only. One binding per platform
 * identity and per customer and platform; a binding is never moved silently to another customer.
 */
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import { ErrorCode, bankError, badInput } from '../../../../platform/errors';
import type { ChannelName } from '../../../../platform/identity/identity';
import { recordAudit } from '../audit';
import { requireChallengeToken } from '../challengeTokens';
import type { DeviceDescriptor } from '../login';
import { IssuedSession, openSession, SessionDeps } from '../sessions';
import { MiniProgramPlatform, platformOfChannel } from './providers';

export interface MiniProgramBindingRecord {
  platform: MiniProgramPlatform;
  boundAt: Date;
}

function platformFor(channel: string): MiniProgramPlatform {
  const platform = platformOfChannel(channel);
  if (!platform) throw bankError(ErrorCode.ChannelNotAllowed, '仅微信或支付宝小程序可使用此功能');
  return platform;
}

const alreadyBound = () => bankError(ErrorCode.IdentityAlreadyBound, '该小程序账号已绑定其他客户，或您已绑定其他小程序账号');

export async function bindMiniProgram(
  deps: SessionDeps,
  customer: { userId: string; channel: string },
  code: string,
  challengeToken: string,
): Promise<MiniProgramBindingRecord> {
  const platform = platformFor(customer.channel);
  // Resolve the code first: a bad code must not spend the customer's challenge token.
  const { subject } = await deps.runtime.miniPrograms[platform].resolveCode(code);
  const existing = await deps.prisma.platformIdentity.findFirst({
    where: { provider: platform, OR: [{ subject }, { userId: customer.userId }] },
  });
  if (existing && (existing.userId !== customer.userId || existing.subject !== subject)) throw alreadyBound();
  await requireChallengeToken(deps, customer.userId, challengeToken, 'BIND_MINI_PROGRAM');
  if (existing) return { platform, boundAt: existing.createdAt };
  const now = deps.clock.now();
  try {
    await deps.prisma.platformIdentity.create({ data: { provider: platform, subject, userId: customer.userId, createdAt: now } });
  } catch (error) {
    // A concurrent binding of the same identity or customer won the race.
    if (isUniqueViolation(error)) throw alreadyBound();
    throw error;
  }
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'mini-program-bound',
    outcome: 'success',
    userId: customer.userId,
    channel: customer.channel,
    details: { platform },
  });
  return { platform, boundAt: now };
}

export async function loginWithMiniProgram(
  deps: SessionDeps,
  request: { code: string; channel: ChannelName; device?: DeviceDescriptor | null; clientAddress?: string },
): Promise<IssuedSession> {
  const platform = platformFor(request.channel);
  if (request.device && !/^[\w.:-]{1,128}$/.test(request.device.deviceId)) throw badInput('设备标识格式不正确', ['device', 'deviceId']);
  const now = deps.clock.now();
  const { subject } = await deps.runtime.miniPrograms[platform].resolveCode(request.code);
  const binding = await deps.prisma.platformIdentity.findUnique({ where: { provider_subject: { provider: platform, subject } } });
  if (!binding) {
    await recordAudit(deps.prisma, deps.log, now, {
      action: 'login',
      outcome: 'failure',
      channel: request.channel,
      details: { method: 'mini-program', reason: 'not-bound' },
    });
    throw bankError(ErrorCode.MiniProgramNotBound, '请先使用手机号和密码登录并绑定小程序账号');
  }
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'login',
    outcome: 'success',
    userId: binding.userId,
    channel: request.channel,
    details: { method: 'mini-program', platform },
  });
  return openSession(deps, {
    userId: binding.userId,
    channel: request.channel,
    deviceId: request.device?.deviceId,
    authLevel: 1,
    clientAddress: request.clientAddress,
  });
}
