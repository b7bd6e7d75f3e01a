/**
 * Step-up challenges. `startChallenge` binds a challenge to a purpose and a hash of the action's
 * data (for a transfer: amount, source account and payee, kit/actionHash.ts); `verifyChallenge`
 * checks the proof and returns a single-use token valid 5 minutes; the center performing the action
 * consumes the token with the same purpose and hash, so a token for one action fails for any other.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, bankError, badInput, notFound } from '../../../platform/errors';
import type { Challenge } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { actionHashFor, ChallengeContext, ChallengePurposeName, issueChallengeToken } from './challengeTokens';
import { activeDeviceKey, SignedInDevice, verifyDeviceKeyProof } from './deviceKeys';
import { customerMobile } from './login';
import { newNonceValue } from './nonces';
import { parsePasskeyProof, passkeyChallengeOptions, verifyPasskeyAssertion } from './passkeys/ceremonies';
import { decryptPin, verifyPin } from './pin';
import type { SessionDeps } from './sessions';
import { describeAction } from './sms/actionText';
import { checkCode, sendCode } from './sms/codes';

export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
const MAX_CHALLENGE_ATTEMPTS = 5;

export type ChallengeMethodName = 'TRANSACTION_PIN' | 'SMS' | 'DEVICE_KEY' | 'PASSKEY';
const MONEY_PURPOSES: readonly string[] = ['TRANSFER', 'PURCHASE', 'BILL_PAYMENT'];

/**
 * The methods a challenge may use, the default first. Setting the PIN, trusting a device and
 * enrolling a device key, passkey or mini-program identity prove possession of the phone number:
 * SMS only. Money movement takes the PIN (the default), the biometric key of the phone this session
 * runs on, a passkey on web banking, or SMS.
 */
async function allowedMethods(deps: SessionDeps, customer: SignedInDevice, purpose: ChallengePurposeName): Promise<ChallengeMethodName[]> {
  if (!MONEY_PURPOSES.includes(purpose)) return ['SMS'];
  const [credential, deviceKey, passkeys] = await Promise.all([
    deps.prisma.credential.findUniqueOrThrow({ where: { userId: customer.userId }, select: { pinHash: true } }),
    customer.channel === 'MOBILE_APP' ? activeDeviceKey(deps, customer.userId, customer.deviceId) : null,
    customer.channel === 'WEB' ? deps.prisma.passkey.count({ where: { userId: customer.userId } }) : 0,
  ]);
  return [
    ...(credential.pinHash ? (['TRANSACTION_PIN'] as const) : []),
    ...(deviceKey ? (['DEVICE_KEY'] as const) : []),
    ...(passkeys > 0 ? (['PASSKEY'] as const) : []),
    'SMS',
  ];
}

export type StartedChallenge = Challenge & { passkeyOptionsJson?: string };

export async function startChallenge(
  deps: SessionDeps,
  customer: SignedInDevice,
  purpose: ChallengePurposeName,
  context: ChallengeContext | null | undefined,
  requested?: ChallengeMethodName | null,
): Promise<StartedChallenge> {
  const { prisma, clock } = deps;
  const { userId } = customer;
  const now = clock.now();
  const actionHash = actionHashFor(purpose, context);
  const allowed = await allowedMethods(deps, customer, purpose);
  const method = requested ?? allowed[0]!;
  if (!allowed.includes(method)) throw badInput('该操作不支持此验证方式', ['method']);
  const smsCodeId =
    method === 'SMS'
      ? await sendCode(
          { prisma, sms: deps.runtime.sms, clock, action: describeAction(purpose, context) },
          await customerMobile(deps, userId),
          purpose,
        )
      : null;
  // The device key signs `nonce`; a passkey signs the WebAuthn challenge inside the options.
  const passkeyOptionsJson = method === 'PASSKEY' ? await passkeyChallengeOptions(deps, userId) : undefined;
  const nonce =
    method === 'DEVICE_KEY'
      ? newNonceValue()
      : passkeyOptionsJson
        ? (JSON.parse(passkeyOptionsJson) as { challenge: string }).challenge
        : null;
  const challenge = await prisma.challenge.create({
    data: {
      id: randomUUID(),
      userId,
      purpose,
      actionHash,
      method,
      status: 'PENDING',
      smsCodeId,
      nonce,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
    },
  });
  return { ...challenge, passkeyOptionsJson };
}

export interface ChallengeProof {
  code?: string | null;
  encryptedPin?: string | null;
  deviceKeyId?: string | null;
  signature?: string | null;
  passkeyResponseJson?: string | null;
}

export async function verifyChallenge(
  deps: SessionDeps,
  customer: SignedInDevice,
  challengeId: string,
  proof: ChallengeProof,
): Promise<{ token: string; expiresAt: Date }> {
  const { prisma, clock, log } = deps;
  const { userId } = customer;
  const now = clock.now();
  const challenge = await prisma.challenge.findUnique({ where: { id: challengeId } });
  // Another customer's challenge is "not found": its existence is nobody else's business.
  if (!challenge || challenge.userId !== userId) throw notFound('验证不存在');
  // The attempt is claimed before the proof is looked at (one conditional UPDATE), so concurrent
  // proofs on one challenge can never be checked more than MAX_CHALLENGE_ATTEMPTS times.
  const claimed = await prisma.challenge.updateMany({
    where: { id: challenge.id, status: 'PENDING', expiresAt: { gt: now }, attempts: { lt: MAX_CHALLENGE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  try {
    if (claimed.count === 0) throw bankError(ErrorCode.ChallengeInvalid, '验证已失效，请重新发起');
    if (challenge.method === 'SMS') {
      if (!proof.code) throw badInput('请输入短信验证码', ['proof', 'code']);
      await checkCode(deps, challenge.smsCodeId!, proof.code);
    } else if (challenge.method === 'TRANSACTION_PIN') {
      if (!proof.encryptedPin) throw badInput('请输入交易密码', ['proof', 'encryptedPin']);
      await verifyPin(prisma, log, clock, userId, await decryptPin(prisma, proof.encryptedPin, ['proof', 'encryptedPin'], challenge.id));
    } else if (challenge.method === 'DEVICE_KEY') {
      await verifyDeviceKeyProof(deps, customer, challenge.nonce!, proof);
    } else if (challenge.method === 'PASSKEY') {
      const passkey = await verifyPasskeyAssertion(deps, parsePasskeyProof(proof.passkeyResponseJson), challenge.nonce!, userId);
      if (!passkey) throw bankError(ErrorCode.ChallengeInvalid, '通行密钥验证未通过');
    } else {
      throw bankError(ErrorCode.ChallengeInvalid, '不支持的验证方式');
    }
  } catch (error) {
    await recordAudit(prisma, log, now, {
      action: 'challenge',
      outcome: 'failure',
      userId,
      details: { purpose: challenge.purpose, method: challenge.method },
    });
    throw error;
  }
  return issueChallengeToken(deps, challenge);
}
