/** Stored passkeys: listed, removed, and handed to the verifier as WebAuthn credentials. */
import type { WebAuthnCredential } from '@simplewebauthn/server';
import { notFound } from '../../../../platform/errors';
import type { Passkey, PrismaClient } from '../../__generated__/prisma/client';
import { recordAudit } from '../audit';
import type { SessionDeps } from '../sessions';

export type PasskeyRecord = Passkey;

export function findPasskeysOfUsers(prisma: PrismaClient, userIds: readonly string[]): Promise<Passkey[]> {
  return prisma.passkey.findMany({ where: { userId: { in: [...userIds] } }, orderBy: { createdAt: 'asc' } });
}

export function asWebAuthnCredential(passkey: Passkey): WebAuthnCredential {
  return {
    id: passkey.id,
    publicKey: new Uint8Array(passkey.publicKey),
    counter: Number(passkey.counter),
    transports: passkey.transports,
  };
}

/** Another customer's passkey answers "not found", like one that does not exist. */
export async function removePasskey(deps: SessionDeps, userId: string, id: string): Promise<boolean> {
  const passkey = await deps.prisma.passkey.findUnique({ where: { id } });
  if (!passkey || passkey.userId !== userId) throw notFound('通行密钥不存在');
  await deps.prisma.passkey.delete({ where: { id } });
  await recordAudit(deps.prisma, deps.log, deps.clock.now(), {
    action: 'passkey-removed',
    outcome: 'success',
    userId,
    details: { passkeyId: id.slice(0, 8) },
  });
  return true;
}
