/**
 * WebAuthn passkeys for web banking (@simplewebauthn/server). Registration needs a signed-in WEB
 * session and an SMS challenge token; sign-in uses discoverable credentials (the browser offers the
 * customer's passkeys for this site). Each ceremony's challenge is a single-use server nonce, user
 * verification (the platform's biometric or PIN) is required, and the signature counter must move
 * forward, so a cloned authenticator shows itself.
 */
import {
  AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { ErrorCode, bankError, badInput } from '../../../../platform/errors';
import { maskMobile } from '../../../kit/fieldCipher';
import type { ChannelName } from '../../../../platform/identity/identity';
import type { Passkey } from '../../__generated__/prisma/client';
import { recordAudit } from '../audit';
import { requireChallengeToken } from '../challengeTokens';
import { isValidDisplayName } from '../displayNames';
import { customerMobile } from '../login';
import { consumeNonce, issueNonce } from '../nonces';
import { IssuedSession, openSession, SessionDeps } from '../sessions';
import { PASSKEY_ALGORITHMS, PASSKEY_CEREMONY_LIFETIME_MS, relyingParty } from './config';
import { asWebAuthnCredential } from './store';

export interface PasskeyCeremony {
  id: string;
  optionsJson: string;
  expiresAt: Date;
}

const refused = () => bankError(ErrorCode.InvalidCredentials, '通行密钥验证失败');
const webOnly = (channel: string) => {
  if (channel !== 'WEB') throw bankError(ErrorCode.Forbidden, '通行密钥仅用于网上银行');
};

function parseResponse<T>(json: string, field: readonly string[]): T {
  if (json.length > 16_384) throw badInput('WebAuthn 响应过大', field);
  try {
    const parsed = JSON.parse(json) as { id?: unknown; response?: unknown };
    if (typeof parsed.id !== 'string' || typeof parsed.response !== 'object' || parsed.response === null) throw new Error('shape');
    return parsed as T;
  } catch {
    throw badInput('WebAuthn 响应格式不正确', field);
  }
}

export async function startPasskeyRegistration(
  deps: SessionDeps,
  customer: { userId: string; channel: string },
  challengeToken: string,
): Promise<PasskeyCeremony> {
  webOnly(customer.channel);
  await requireChallengeToken(deps, customer.userId, challengeToken, 'REGISTER_PASSKEY');
  const rp = relyingParty();
  const existing = await deps.prisma.passkey.findMany({ where: { userId: customer.userId }, select: { id: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: maskMobile(await customerMobile(deps, customer.userId)),
    userID: new Uint8Array(Buffer.from(customer.userId, 'utf8')),
    attestationType: 'none',
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
    timeout: PASSKEY_CEREMONY_LIFETIME_MS,
  });
  const nonce = await issueNonce(deps, {
    purpose: 'PASSKEY_REGISTRATION',
    channel: 'WEB',
    userId: customer.userId,
    value: options.challenge,
    lifetimeMs: PASSKEY_CEREMONY_LIFETIME_MS,
  });
  return { id: nonce.id, optionsJson: JSON.stringify(options), expiresAt: nonce.expiresAt };
}

export async function finishPasskeyRegistration(
  deps: SessionDeps,
  customer: { userId: string; channel: string },
  ceremonyId: string,
  responseJson: string,
  name?: string | null,
): Promise<Passkey> {
  webOnly(customer.channel);
  const response = parseResponse<RegistrationResponseJSON>(responseJson, ['responseJson']);
  const label = (name ?? '通行密钥').trim();
  if (!isValidDisplayName(label)) throw badInput('名称为1到30个字符', ['name']);
  const nonce = await consumeNonce(deps, ceremonyId, { purpose: 'PASSKEY_REGISTRATION', channel: 'WEB', userId: customer.userId });
  if (!nonce) throw bankError(ErrorCode.ChallengeInvalid, '注册已超时，请重新开始');
  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: nonce.value,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    requireUserVerification: true,
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  }).catch(() => ({ verified: false as const }));
  if (!verified.verified) throw bankError(ErrorCode.ChallengeInvalid, '通行密钥注册未通过验证');
  const { credential } = verified.registrationInfo;
  if (await deps.prisma.passkey.findUnique({ where: { id: credential.id }, select: { id: true } })) {
    throw bankError(ErrorCode.ChallengeInvalid, '该通行密钥已注册');
  }
  const now = deps.clock.now();
  const passkey = await deps.prisma.passkey.create({
    data: {
      id: credential.id,
      userId: customer.userId,
      publicKey: Buffer.from(credential.publicKey),
      counter: BigInt(credential.counter),
      transports: credential.transports ?? [],
      name: label,
      createdAt: now,
    },
  });
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'passkey-registered',
    outcome: 'success',
    userId: customer.userId,
    channel: customer.channel,
  });
  return passkey;
}

export async function startPasskeyLogin(deps: SessionDeps, channel: ChannelName): Promise<PasskeyCeremony> {
  webOnly(channel);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: 'required',
    timeout: PASSKEY_CEREMONY_LIFETIME_MS,
  });
  const nonce = await issueNonce(deps, {
    purpose: 'PASSKEY_LOGIN',
    channel,
    value: options.challenge,
    lifetimeMs: PASSKEY_CEREMONY_LIFETIME_MS,
  });
  return { id: nonce.id, optionsJson: JSON.stringify(options), expiresAt: nonce.expiresAt };
}

/**
 * Checks an assertion against a stored passkey and moves its counter forward (conditionally, so two
 * concurrent uses of one assertion cannot both pass). Returns the passkey, or null when it fails.
 */
export async function verifyPasskeyAssertion(
  deps: SessionDeps,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  ownerId?: string,
): Promise<Passkey | null> {
  const passkey = await deps.prisma.passkey.findUnique({ where: { id: response.id } });
  if (!passkey || (ownerId !== undefined && passkey.userId !== ownerId)) return null;
  // The user handle the authenticator returns must name the passkey's owner.
  const userHandle = response.response.userHandle;
  if (userHandle && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.userId) return null;
  const rp = relyingParty();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    credential: asWebAuthnCredential(passkey),
    requireUserVerification: true,
  }).catch(() => null);
  if (!verified?.verified) return null;
  const moved = await deps.prisma.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verified.authenticationInfo.newCounter), lastUsedAt: deps.clock.now() },
  });
  return moved.count === 1 ? passkey : null;
}

export async function loginWithPasskey(
  deps: SessionDeps,
  request: { ceremonyId: string; responseJson: string; channel: ChannelName; clientAddress?: string },
): Promise<IssuedSession> {
  webOnly(request.channel);
  const response = parseResponse<AuthenticationResponseJSON>(request.responseJson, ['responseJson']);
  const now = deps.clock.now();
  const nonce = await consumeNonce(deps, request.ceremonyId, { purpose: 'PASSKEY_LOGIN', channel: request.channel });
  const passkey = nonce ? await verifyPasskeyAssertion(deps, response, nonce.value) : null;
  if (!passkey) {
    await recordAudit(deps.prisma, deps.log, now, {
      action: 'login',
      outcome: 'failure',
      channel: request.channel,
      details: { method: 'passkey', clientAddress: request.clientAddress },
    });
    throw refused();
  }
  await recordAudit(deps.prisma, deps.log, now, {
    action: 'login',
    outcome: 'success',
    userId: passkey.userId,
    channel: request.channel,
    details: { method: 'passkey' },
  });
  // A passkey with user verification is possession plus biometric/PIN: two factors.
  return openSession(deps, { userId: passkey.userId, channel: request.channel, authLevel: 2, clientAddress: request.clientAddress });
}

/** Assertion options for a step-up challenge: only the customer's own passkeys. */
export async function passkeyChallengeOptions(deps: SessionDeps, userId: string): Promise<string> {
  const passkeys = await deps.prisma.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: passkeys,
    userVerification: 'required',
    timeout: PASSKEY_CEREMONY_LIFETIME_MS,
  });
  return JSON.stringify(options);
}

export function parsePasskeyProof(json: string | null | undefined): AuthenticationResponseJSON {
  if (!json) throw badInput('请提供通行密钥验证结果', ['proof', 'passkeyResponseJson']);
  return parseResponse<AuthenticationResponseJSON>(json, ['proof', 'passkeyResponseJson']);
}
