/**
 * Registration, step 2: the code from step 1, the customer's name and login password. In order:
 * the input (before the code is spent on it), the registration, the mini-program identity to bind
 * (a bad or taken one spends nothing), the SMS code (spent once: of two concurrent completions of
 * one registration one passes), then the customer record in the user center and, in one transaction
 * here, the credential, the device and the binding. The credential's unique login mobile decides
 * between two registrations of one mobile: one customer, the other answered ALREADY_REGISTERED.
 * Signed in at level 2, like a verified new device (password plus the SMS code).
 */
import type { GraphQLError } from 'graphql';
import { ErrorCode, bankError, badInput } from '../../../../platform/errors';
import type { ChannelName } from '../../../../platform/identity/identity';
import { blindIndex, blindIndexCandidates, decryptField, encryptField, maskMobile } from '../../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../../kit/fieldEncryption/columns';
import { isUniqueViolation } from '../../../kit/database/uniqueViolation';
import type { UserCenterClient } from '../../../user/client';
import type { Registration } from '../../__generated__/prisma/client';
import { CREDENTIAL, REGISTRATION } from '../../encryptedColumns';
import { recordAudit } from '../audit';
import { newDeviceRow } from '../deviceDescriptor';
import { errorAtField } from '../errorAtField';
import { COOKIE_CHANNELS, deviceTokenFor } from '../deviceProof';
import type { DeviceDescriptor } from '../login';
import { platformOfChannel } from '../miniProgram/providers';
import { hashPassword } from '../passwords';
import { IssuedSession, openSession, SessionDeps } from '../sessions';
import { checkCode } from '../sms/codes';
import { assertPasswordAllowed } from '../passwordPolicy';

export interface RegistrationDeps extends SessionDeps {
  userCenter: Pick<UserCenterClient, 'registerCustomer'>;
}

export interface RegistrationCompletion {
  registrationId: string;
  code: string;
  name: string;
  password: string;
  miniProgramCode?: string | null;
  channel: ChannelName;
}

/** Letters of any script, with the middle dot of transliterated names and inner spaces (the user center checks the same). */
const NAME = /^\p{L}[\p{L}·• ]{0,28}\p{L}$/u;

const expired = () => bankError(ErrorCode.InvalidCode, '注册已超时，请重新获取验证码', { field: ['input', 'registrationId'] });
const alreadyRegistered = () => bankError(ErrorCode.AlreadyRegistered, '该手机号已注册，请直接登录');
const identityTaken = () =>
  bankError(ErrorCode.IdentityAlreadyBound, '该小程序账号已绑定其他客户', { field: ['input', 'miniProgramCode'] });

export async function completeRegistration(deps: RegistrationDeps, request: RegistrationCompletion): Promise<IssuedSession> {
  const { prisma, clock, log } = deps;
  const name = request.name.trim();
  if (!NAME.test(name)) throw badInput('请输入2到30个字的姓名', ['input', 'name']);
  const platform = platformOfChannel(request.channel);
  if (platform && !request.miniProgramCode) throw badInput('请提供小程序登录凭证', ['input', 'miniProgramCode']);

  const registration = await openRegistration(deps, request.registrationId, request.channel);
  const mobile = decryptField(registration.mobileEncrypted, fieldBinding(REGISTRATION, 'mobile_encrypted', registration.id));
  assertPasswordAllowed(request.password, mobile, ['input', 'password']);

  // The platform identity is resolved before the SMS code is spent: a bad or taken one costs the customer nothing.
  const subject = platform ? (await deps.runtime.miniPrograms[platform].resolveCode(request.miniProgramCode!)).subject : null;
  if (platform && subject && (await prisma.platformIdentity.findUnique({ where: { provider_subject: { provider: platform, subject } } }))) {
    throw identityTaken();
  }

  const audit = { channel: request.channel, details: { mobile: maskMobile(mobile), registrationId: registration.id } };
  try {
    await checkCode(deps, registration.smsCodeId, request.code);
  } catch (error) {
    await recordAudit(prisma, log, clock.now(), { action: 'registration', outcome: 'failure', ...audit });
    throw errorAtField(error, ['input', 'code']);
  }

  const passwordHash = await hashPassword(request.password);
  const customer = await deps.userCenter.registerCustomer({ mobile, name });
  if (!customer.userId) {
    await recordAudit(prisma, log, clock.now(), {
      action: 'registration',
      outcome: 'failure',
      ...audit,
      details: { ...audit.details, reason: customer.outcome },
    });
    throw alreadyRegistered();
  }
  const userId = customer.userId;
  const device = registration.device as unknown as DeviceDescriptor;
  const now = clock.now();
  try {
    await prisma.$transaction(async (tx) => {
      await tx.credential.create({
        data: {
          userId,
          loginIndex: blindIndex(indexBinding(CREDENTIAL, 'login_index'), mobile),
          mobileEncrypted: encryptField(mobile, fieldBinding(CREDENTIAL, 'mobile_encrypted', userId)),
          passwordHash,
        },
      });
      await tx.device.create({ data: newDeviceRow(userId, device, now) });
      if (platform && subject) await tx.platformIdentity.create({ data: { provider: platform, subject, userId, createdAt: now } });
      const completed = await tx.registration.updateMany({
        where: { id: registration.id, completedAt: null },
        data: { completedAt: now, userId },
      });
      if (completed.count === 0) throw expired();
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw await losingRace(deps, mobile, userId);
  }

  await recordAudit(prisma, log, now, {
    action: 'registration',
    outcome: 'success',
    userId,
    ...audit,
    details: { ...audit.details, outcome: customer.outcome, platform },
  });
  const session = await openSession(deps, {
    userId,
    channel: request.channel,
    deviceId: device.deviceId,
    authLevel: 2,
    clientAddress: registration.clientAddress ?? undefined,
  });
  if (!COOKIE_CHANNELS.includes(request.channel)) return session;
  // A browser proves this device from now on with the token (the gateway keeps it in an HttpOnly cookie).
  const bound = await prisma.device.findUniqueOrThrow({ where: { userId_deviceId: { userId, deviceId: device.deviceId } } });
  return { ...session, deviceToken: deviceTokenFor(bound) };
}

/** A registration still waiting, on the channel it started on. */
async function openRegistration(deps: SessionDeps, id: string, channel: string): Promise<Registration> {
  const registration = /^[0-9a-f-]{36}$/.test(id) ? await deps.prisma.registration.findUnique({ where: { id } }) : null;
  if (!registration || registration.channel !== channel || registration.expiresAt <= deps.clock.now()) throw expired();
  if (registration.completedAt) throw bankError(ErrorCode.InvalidCode, '该注册已完成，请直接登录', { field: ['input', 'registrationId'] });
  return registration;
}

/** A unique key refused the transaction: the mobile's credential (another registration won) or the platform identity. */
async function losingRace(deps: SessionDeps, mobile: string, userId: string): Promise<GraphQLError> {
  const credential = await deps.prisma.credential.findFirst({
    where: { OR: [{ userId }, { loginIndex: { in: blindIndexCandidates(indexBinding(CREDENTIAL, 'login_index'), mobile) } }] },
    select: { userId: true },
  });
  return credential ? alreadyRegistered() : identityTaken();
}
