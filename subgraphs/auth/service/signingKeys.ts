/**
 * ES256 keys for access tokens. A key is created and persisted on first start; the public
 * halves are published as JWKS for the gateway. Private keys are stored encrypted.
 */
import { randomUUID } from 'node:crypto';
import { CryptoKey, exportJWK, generateKeyPair, importJWK, JWK, JWTPayload, SignJWT } from 'jose';
import type { Clock } from '../../../platform/clock';
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { SIGNING_KEY } from '../encryptedColumns';
import type { PrismaClient, SigningKey } from '../__generated__/prisma/client';

export const ACCESS_TOKEN_ISSUER = 'bank-auth';
export const ACCESS_TOKEN_AUDIENCE = 'bank-gateway';
const ALGORITHM = 'ES256';

export async function ensureSigningKey(prisma: PrismaClient, clock: Clock): Promise<void> {
  if (await prisma.signingKey.count({ where: { status: 'ACTIVE' } })) return;
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = randomUUID();
  await prisma.signingKey.create({
    data: {
      kid,
      algorithm: ALGORITHM,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' } as object,
      privateJwk: encryptField(JSON.stringify(await exportJWK(privateKey)), fieldBinding(SIGNING_KEY, 'private_jwk', kid)),
      createdAt: clock.now(),
    },
  });
}

/** Public keys of every key that may still have live tokens. */
export async function publishedKeys(prisma: PrismaClient): Promise<{ keys: JWK[] }> {
  const keys = await prisma.signingKey.findMany({ orderBy: { createdAt: 'desc' } });
  return { keys: keys.map((key) => key.publicJwk as JWK) };
}

export class AccessTokenSigner {
  private current?: { key: SigningKey; privateKey: CryptoKey | Uint8Array };

  constructor(private readonly prisma: PrismaClient) {}

  async sign(claims: JWTPayload & { sub: string }, issuedAt: Date, lifetimeSeconds: number): Promise<string> {
    const { key, privateKey } = await this.activeKey();
    const now = Math.floor(issuedAt.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  private async activeKey() {
    if (!this.current) {
      const key = await this.prisma.signingKey.findFirstOrThrow({ where: { status: 'ACTIVE' }, orderBy: { createdAt: 'desc' } });
      const privateKey = await importJWK(
        JSON.parse(decryptField(key.privateJwk, fieldBinding(SIGNING_KEY, 'private_jwk', key.kid))) as JWK,
        ALGORITHM,
      );
      this.current = { key, privateKey };
    }
    return this.current;
  }
}
