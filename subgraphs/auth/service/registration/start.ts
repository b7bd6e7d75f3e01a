/**
 * Registration, step 1: a registration code goes to the mobile and a registration waits for it (10
 * minutes). The answer, the work and the SMS rate limit are the same whether or not the mobile
 * already signs in here, so the step is no oracle of who banks with us: a customer's mobile is
 * texted a notice that it is already registered instead of a code, and its registration can never
 * complete (nobody holds its code; see complete.ts for the rest).
 */
import { randomUUID } from 'node:crypto';
import { badInput } from '../../../../platform/errors';
import type { ChannelName } from '../../../../platform/identity/identity';
import { blindIndexCandidates, encryptField, maskMobile } from '../../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../../kit/fieldEncryption/columns';
import { CREDENTIAL, REGISTRATION } from '../../encryptedColumns';
import { recordAudit } from '../audit';
import { assertDeviceDescriptor } from '../deviceDescriptor';
import type { DeviceDescriptor } from '../login';
import type { SessionDeps } from '../sessions';
import { sendCode } from '../sms/codes';
import { noticeInsteadOfCode } from './notice';

export const REGISTRATION_LIFETIME_MS = 10 * 60 * 1000;
/** The SMS code's purpose (its template, its own resend interval per mobile). */
export const REGISTRATION_PURPOSE = 'REGISTRATION';

const MOBILE = /^1[3-9]\d{9}$/;

export interface RegistrationStartRequest {
  mobile: string;
  device?: DeviceDescriptor | null;
  channel: ChannelName;
  clientAddress?: string;
}

export interface RegistrationStarted {
  registrationId: string;
  maskedMobile: string;
  expiresAt: Date;
}

export async function startRegistration(deps: SessionDeps, request: RegistrationStartRequest): Promise<RegistrationStarted> {
  const { prisma, runtime, clock, log } = deps;
  if (!MOBILE.test(request.mobile)) throw badInput('手机号格式不正确', ['input', 'mobile']);
  assertDeviceDescriptor(request.device, ['input', 'device']);

  const now = clock.now();
  const registered = await prisma.credential.findFirst({
    where: { loginIndex: { in: blindIndexCandidates(indexBinding(CREDENTIAL, 'login_index'), request.mobile) } },
    select: { userId: true },
  });
  // The same statements either way: one code row (its code unknown to anyone when the notice goes instead), one SMS.
  const sms = registered ? noticeInsteadOfCode(runtime.sms) : runtime.sms;
  const smsCodeId = await sendCode({ prisma, sms, clock, action: '注册手机银行' }, request.mobile, REGISTRATION_PURPOSE);

  const registrationId = randomUUID();
  const expiresAt = new Date(now.getTime() + REGISTRATION_LIFETIME_MS);
  await prisma.registration.create({
    data: {
      id: registrationId,
      mobileEncrypted: encryptField(request.mobile, fieldBinding(REGISTRATION, 'mobile_encrypted', registrationId)),
      channel: request.channel,
      device: { ...request.device },
      smsCodeId,
      clientAddress: request.clientAddress,
      createdAt: now,
      expiresAt,
    },
  });
  await recordAudit(prisma, log, now, {
    action: 'registration-started',
    outcome: 'success',
    userId: registered?.userId,
    channel: request.channel,
    details: { mobile: maskMobile(request.mobile), alreadyRegistered: Boolean(registered), clientAddress: request.clientAddress },
  });
  return { registrationId, maskedMobile: maskMobile(request.mobile), expiresAt };
}
