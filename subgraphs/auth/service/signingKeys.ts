/**
 * ES256 keys for access tokens: created, rotated and withdrawn in the database, so any number of
 * auth replicas agree on them. A new key is published as JWKS well before it signs
 * (`keyRing.ts` has the times); a superseded key stays published until its last token has
 * expired, then leaves the JWKS and its private half is erased. Private keys are stored encrypted.
 *
 * Every write is conditional: a key's generation number is unique (two replicas scheduling the
 * same rotation write one key; the other's insert fails and it reads the winner's), and a change
 * to a key's times names the times it read.
 */
import { randomUUID } from 'node:crypto';
import { CryptoKey, exportJWK, generateKeyPair, importJWK, JWK, JWTPayload, SignJWT } from 'jose';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { SIGNING_KEY } from '../encryptedColumns';
import { PrismaClient, SigningKey } from '../__generated__/prisma/client';
import {
  isPublishedAt,
  newestKey,
  NEXT_KEY_LEAD_MS,
  rotationPeriodMs,
  scheduledSuccessorActivation,
  signingKeyAt,
  withdrawalTime,
} from './keyRing';

export const ACCESS_TOKEN_ISSUER = 'bank-auth';
export const ACCESS_TOKEN_AUDIENCE = 'bank-gateway';
const ALGORITHM = 'ES256';

async function newKeyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' } as object,
    privateJwk: encryptField(JSON.stringify(await exportJWK(privateKey)), fieldBinding(SIGNING_KEY, 'private_jwk', kid)),
  };
}

/** The first key, signing at once (nothing can hold a token yet). A replica that loses the race keeps the winner's. */
export async function ensureSigningKey(prisma: PrismaClient, clock: Clock): Promise<void> {
  if (await prisma.signingKey.count()) return;
  const kid = randomUUID();
  const now = clock.now();
  try {
    await prisma.signingKey.create({
      data: { kid, generation: 1, algorithm: ALGORITHM, ...(await newKeyPair(kid)), createdAt: now, activatesAt: now },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Another replica changed the key ring between our read and our write. */
class RotationRaced extends Error {}

/**
 * Publishes the successor of the newest key, to sign from `activatesAt`, and marks the newest as
 * superseded then. Answers the successor, or undefined when another replica scheduled one first.
 */
async function scheduleSuccessor(prisma: PrismaClient, newest: SigningKey, activatesAt: Date, now: Date): Promise<SigningKey | undefined> {
  const kid = randomUUID();
  const pair = await newKeyPair(kid);
  try {
    return await prisma.$transaction(async (tx) => {
      const superseded = await tx.signingKey.updateMany({
        where: { kid: newest.kid, supersededAt: null },
        data: { supersededAt: activatesAt, withdrawnAt: withdrawalTime(activatesAt) },
      });
      if (superseded.count !== 1) throw new RotationRaced();
      return tx.signingKey.create({
        data: { kid, generation: newest.generation + 1, algorithm: ALGORITHM, ...pair, createdAt: now, activatesAt },
      });
    });
  } catch (error) {
    if (error instanceof RotationRaced || isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export interface ScheduledRotation {
  kid: string;
  generation: number;
  publishedAt: Date;
  activatesAt: Date;
}

const scheduled = (key: SigningKey): ScheduledRotation => ({
  kid: key.kid,
  generation: key.generation,
  publishedAt: key.createdAt,
  activatesAt: key.activatesAt,
});

/**
 * An administrator's rotation: a successor published now, signing once it has been published for
 * the lead time. While one is already waiting (it too signs one lead after its publication) that
 * one is the answer: nothing sooner would be safe.
 */
export async function requestRotation(prisma: PrismaClient, clock: Clock): Promise<ScheduledRotation> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = clock.now();
    const newest = newestKey(await prisma.signingKey.findMany());
    if (!newest) {
      await ensureSigningKey(prisma, clock);
      continue;
    }
    if (newest.activatesAt > now) return scheduled(newest);
    const successor = await scheduleSuccessor(prisma, newest, new Date(now.getTime() + NEXT_KEY_LEAD_MS), now);
    if (successor) return scheduled(successor);
  }
  throw new Error('signing-key rotation kept racing with another replica');
}

/**
 * One maintenance pass: the first key if there is none, the scheduled rotation's successor when
 * it is time to publish it, and withdrawal (private half erased) of keys past their withdrawal
 * time. Answers how many keys it wrote.
 */
export async function maintainSigningKeys(prisma: PrismaClient, clock: Clock, periodMs = rotationPeriodMs()): Promise<number> {
  const now = clock.now();
  let written = 0;
  if (!(await prisma.signingKey.count())) {
    await ensureSigningKey(prisma, clock);
    written++;
  }
  const newest = newestKey(await prisma.signingKey.findMany());
  const activatesAt = newest && scheduledSuccessorActivation(newest, now, periodMs);
  if (newest && activatesAt && (await scheduleSuccessor(prisma, newest, activatesAt, now))) written++;
  const withdrawn = await prisma.signingKey.updateMany({
    where: { status: 'ACTIVE', withdrawnAt: { lte: now } },
    data: { status: 'RETIRED', privateJwk: null },
  });
  return written + withdrawn.count;
}

/** Public keys of every key the JWKS lists now: the signing one, a waiting successor, and superseded ones with live tokens. */
export async function publishedKeys(prisma: PrismaClient, clock: Clock): Promise<{ keys: JWK[] }> {
  const now = clock.now();
  const keys = await prisma.signingKey.findMany({ where: { status: 'ACTIVE' }, orderBy: { generation: 'desc' } });
  return { keys: keys.filter((key) => isPublishedAt(key, now)).map((key) => key.publicJwk as JWK) };
}

/** How long a replica signs from its copy of the key ring before reading it again. */
const KEY_RING_REFRESH_MS = 30_000;

export class AccessTokenSigner {
  private ring?: { keys: SigningKey[]; readAt: number };
  private readonly imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

  constructor(private readonly prisma: PrismaClient) {}

  async sign(claims: JWTPayload & { sub: string }, issuedAt: Date, lifetimeSeconds: number): Promise<string> {
    const key = await this.keyAt(issuedAt);
    const now = Math.floor(issuedAt.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(await this.privateKey(key));
  }

  /**
   * The key that signs at `now`, from a copy of the key ring at most KEY_RING_REFRESH_MS old: a
   * successor is published far longer than that before it signs, so every replica's copy holds
   * it, and the switch happens by its stored time on every replica at once.
   */
  private async keyAt(now: Date): Promise<SigningKey & { privateJwk: string }> {
    const at = now.getTime();
    if (!this.ring || at - this.ring.readAt >= KEY_RING_REFRESH_MS || at < this.ring.readAt) await this.read(now);
    let key = signingKeyAt(this.ring!.keys, now);
    if (!key || !key.privateJwk) {
      await this.read(now);
      key = signingKeyAt(this.ring!.keys, now);
    }
    if (!key?.privateJwk) throw new Error('no access-token signing key');
    return { ...key, privateJwk: key.privateJwk };
  }

  private async read(now: Date): Promise<void> {
    this.ring = { keys: await this.prisma.signingKey.findMany({ where: { status: 'ACTIVE' } }), readAt: now.getTime() };
  }

  private privateKey(key: SigningKey & { privateJwk: string }): Promise<CryptoKey | Uint8Array> {
    let imported = this.imported.get(key.kid);
    if (!imported) {
      imported = importJWK(JSON.parse(decryptField(key.privateJwk, fieldBinding(SIGNING_KEY, 'private_jwk', key.kid))) as JWK, ALGORITHM);
      this.imported.set(key.kid, imported);
    }
    return imported;
  }
}
