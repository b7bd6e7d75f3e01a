/**
 * The keys that sign electronic receipts: ES256 pairs in finance's own database, the private half
 * encrypted with the kit's field cipher, the newest generation signing. A new generation takes over
 * every RECEIPT_KEY_ROTATION_DAYS (default 90), written by whichever replica signs first after that;
 * the generation number is unique, so two replicas rotating at once write one key. Public halves
 * are never deleted: a receipt must verify for as long as anyone keeps it.
 */
import { randomUUID } from 'node:crypto';
import { CryptoKey, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';
import type { Clock } from '../../../platform/clock';
import { config } from '../../../platform/config';
import { insertOrAnswerRaced } from '../../kit/database/uniqueViolation';
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { PrismaClient, ReceiptKey } from '../__generated__/prisma/client';
import { RECEIPT_KEY } from '../encryptedColumns';

export const RECEIPT_KEY_ALGORITHM = 'ES256';

const DAY = 24 * 3600_000;
export const DEFAULT_RECEIPT_KEY_ROTATION_DAYS = 90;

/** `RECEIPT_KEY_ROTATION_DAYS` (validated with the rest of the configuration), default 90. */
export function receiptKeyRotationMs(env?: Readonly<Record<string, string | undefined>>): number {
  return (config(env).settings.RECEIPT_KEY_ROTATION_DAYS ?? DEFAULT_RECEIPT_KEY_ROTATION_DAYS) * DAY;
}

export interface SigningReceiptKey {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
}

/** How long a replica signs with the key it read before looking for a newer generation. */
const NEWEST_KEY_RECHECK_MS = 60_000;

export class ReceiptKeys {
  private newest?: { key: ReceiptKey; privateKey: Promise<CryptoKey | Uint8Array>; checkedAt: number };
  private readonly publicKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly rotationMs: number = receiptKeyRotationMs(),
  ) {}

  /** The key receipts are signed with now: the newest generation, rotated first if it is due. */
  async signingKey(): Promise<SigningReceiptKey> {
    const now = this.clock.now().getTime();
    const cached = this.newest;
    const due = (key: ReceiptKey) => now - key.createdAt.getTime() >= this.rotationMs;
    if (!cached || now - cached.checkedAt >= NEWEST_KEY_RECHECK_MS || now < cached.checkedAt || due(cached.key)) {
      let key = await this.prisma.receiptKey.findFirst({ orderBy: { generation: 'desc' } });
      if (!key || due(key)) key = await this.create((key?.generation ?? 0) + 1);
      if (cached?.key.kid === key.kid) cached.checkedAt = now;
      else this.newest = { key, privateKey: this.importPrivate(key), checkedAt: now };
    }
    return { kid: this.newest!.key.kid, privateKey: await this.newest!.privateKey };
  }

  /** The public key of `kid`, or undefined when no such receipt key exists. */
  async publicKey(kid: string): Promise<CryptoKey | Uint8Array | undefined> {
    const known = this.publicKeys.get(kid);
    if (known) return known;
    const row = await this.prisma.receiptKey.findUnique({ where: { kid } });
    if (!row) return undefined;
    // Public halves never change: kept for the life of the process.
    const imported = importJWK(row.publicJwk as JWK, RECEIPT_KEY_ALGORITHM);
    this.publicKeys.set(kid, imported);
    return imported;
  }

  /** Writes generation `generation`; when another replica wrote it first, answers theirs. */
  private async create(generation: number): Promise<ReceiptKey> {
    const kid = `rk-${randomUUID()}`;
    const { publicKey, privateKey } = await generateKeyPair(RECEIPT_KEY_ALGORITHM, { extractable: true });
    return insertOrAnswerRaced(
      async () =>
        this.prisma.receiptKey.create({
          data: {
            kid,
            generation,
            algorithm: RECEIPT_KEY_ALGORITHM,
            publicJwk: { ...(await exportJWK(publicKey)), kid, alg: RECEIPT_KEY_ALGORITHM, use: 'sig' } as object,
            privateJwk: encryptField(JSON.stringify(await exportJWK(privateKey)), fieldBinding(RECEIPT_KEY, 'private_jwk', kid)),
            createdAt: this.clock.now(),
          },
        }),
      () => this.prisma.receiptKey.findUnique({ where: { generation } }),
    );
  }

  private importPrivate(key: ReceiptKey): Promise<CryptoKey | Uint8Array> {
    const jwk = JSON.parse(decryptField(key.privateJwk, fieldBinding(RECEIPT_KEY, 'private_jwk', key.kid))) as JWK;
    return importJWK(jwk, key.algorithm);
  }
}

const perStore = new WeakMap<PrismaClient, ReceiptKeys>();

/** One ReceiptKeys per store, so a process reads and imports each key once. */
export function receiptKeysOf(prisma: PrismaClient, clock: Clock): ReceiptKeys {
  let keys = perStore.get(prisma);
  if (!keys) {
    keys = new ReceiptKeys(prisma, clock);
    perStore.set(prisma, keys);
  }
  return keys;
}
