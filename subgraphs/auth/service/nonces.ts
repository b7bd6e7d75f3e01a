/**
 * Single-use server nonces for sign-in ceremonies that start before anyone is signed in (device-key
 * sign-in) or that span two requests (WebAuthn registration and assertion). A nonce is consumed with
 * one conditional UPDATE, so two requests presenting the same nonce cannot both pass.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock';
import type { CeremonyNonce, PrismaClient } from '../__generated__/prisma/client';

export type NoncePurpose = 'DEVICE_KEY_LOGIN' | 'PASSKEY_REGISTRATION' | 'PASSKEY_LOGIN';

export interface NonceDeps {
  prisma: PrismaClient;
  clock: Clock;
}

export const newNonceValue = () => randomBytes(32).toString('base64url');

export async function issueNonce(
  deps: NonceDeps,
  request: { purpose: NoncePurpose; channel: string; lifetimeMs: number; userId?: string; subjectId?: string; value?: string },
): Promise<CeremonyNonce> {
  const now = deps.clock.now();
  return deps.prisma.ceremonyNonce.create({
    data: {
      id: randomUUID(),
      purpose: request.purpose,
      channel: request.channel,
      userId: request.userId,
      subjectId: request.subjectId,
      value: request.value ?? newNonceValue(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + request.lifetimeMs),
    },
  });
}

/**
 * Takes a nonce out of circulation and returns it, or null when it does not exist, was already used,
 * has expired, or was issued for another purpose, channel, customer or subject.
 */
export async function consumeNonce(
  deps: NonceDeps,
  id: string,
  expected: { purpose: NoncePurpose; channel: string; userId?: string; subjectId?: string },
): Promise<CeremonyNonce | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const now = deps.clock.now();
  const { count } = await deps.prisma.ceremonyNonce.updateMany({
    where: {
      id,
      purpose: expected.purpose,
      channel: expected.channel,
      ...(expected.userId !== undefined ? { userId: expected.userId } : {}),
      ...(expected.subjectId !== undefined ? { subjectId: expected.subjectId } : {}),
      consumedAt: null,
      expiresAt: { gt: now },
    },
    data: { consumedAt: now },
  });
  return count === 1 ? deps.prisma.ceremonyNonce.findUnique({ where: { id } }) : null;
}
