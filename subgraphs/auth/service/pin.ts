/**
 * Transaction PIN (交易密码): 6 digits, encrypted on the client with the bank's SM2 public key
 * (sm-crypto, C1C3C2), kept only as an argon2id hash. Five wrong entries in one Asia/Shanghai day
 * lock it until the next day.
 */
import { sm2 } from 'sm-crypto';
import type { Clock } from '../../../platform/clock';
import { ErrorCode, bankError, badInput } from '../../../platform/errors';
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { SERVER_KEY } from '../encryptedColumns';
import type { Logger } from '../../../platform/observability/logger';
import type { PrismaClient } from '../__generated__/prisma/client';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { shanghaiDay } from '../../../platform/businessDay';

export const MAX_PIN_FAILURES_PER_DAY = 5;
const PIN_KEY = 'PIN_SM2';
const C1C3C2 = 1;

export async function ensurePinKey(prisma: PrismaClient, now: Date): Promise<void> {
  if (await prisma.serverKey.findUnique({ where: { purpose: PIN_KEY } })) return;
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  await prisma.serverKey.createMany({
    data: [
      {
        purpose: PIN_KEY,
        publicKey,
        privateKey: encryptField(privateKey, fieldBinding(SERVER_KEY, 'private_key', PIN_KEY)),
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
}

const keyCache = new WeakMap<PrismaClient, { publicKey: string; privateKey: string }>();

async function pinKey(prisma: PrismaClient) {
  let key = keyCache.get(prisma);
  if (!key) {
    const row = await prisma.serverKey.findUniqueOrThrow({ where: { purpose: PIN_KEY } });
    key = { publicKey: row.publicKey, privateKey: decryptField(row.privateKey, fieldBinding(SERVER_KEY, 'private_key', row.purpose)) };
    keyCache.set(prisma, key);
  }
  return key;
}

export async function pinPublicKey(prisma: PrismaClient): Promise<string> {
  return (await pinKey(prisma)).publicKey;
}

/**
 * Decrypts the client's SM2 ciphertext. The plaintext is `<pin>` or `<pin>:<binding>`; when
 * `binding` is expected (the challenge id) a ciphertext captured for one challenge cannot be replayed on another.
 */
export async function decryptPin(prisma: PrismaClient, ciphertext: string, field: string[], binding?: string): Promise<string> {
  const plaintext = /^[0-9a-fA-F]{194,400}$/.test(ciphertext) ? decryptSm2(ciphertext, (await pinKey(prisma)).privateKey) : '';
  const [pin, bound] = plaintext.split(':');
  if (!pin || !/^\d{6}$/.test(pin) || (binding !== undefined && bound !== binding)) throw badInput('交易密码密文无效', field);
  return pin;
}

/**
 * SM2 C1C3C2 decryption that accepts both encodings clients send: sm-crypto's bare `x‖y‖C3‖C2` and the
 * SEC1 form with the uncompressed-point marker `04` in front. The marker cannot be recognised by looking
 * at the first byte — a bare ciphertext whose x coordinate starts with 0x04 (about 1 in 256) looks the
 * same — so the bare form is tried first and the prefixed form only when that fails. C3 (an SM3 hash over
 * the plaintext) makes a wrong guess fail rather than decrypt to something else. Returns '' when neither
 * form decrypts.
 */
export function decryptSm2(ciphertext: string, privateKey: string): string {
  const candidates = ciphertext.startsWith('04') ? [ciphertext, ciphertext.slice(2)] : [ciphertext];
  for (const candidate of candidates) {
    try {
      const plaintext = sm2.doDecrypt(candidate, privateKey, C1C3C2);
      if (plaintext) return plaintext;
    } catch {
      // not this encoding (the point is off the curve, or the hash does not match)
    }
  }
  return '';
}

/** Refuses PINs anyone would guess first (repeated or sequential digits). */
function isWeakPin(pin: string): boolean {
  if (/^(\d)\1{5}$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((digit, index) => digit - digits[index]!));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

export function assertPinStrong(pin: string): void {
  if (isWeakPin(pin)) throw badInput('交易密码过于简单，请勿使用连续或重复的数字', ['encryptedPin']);
}

export async function setPin(prisma: PrismaClient, log: Logger, clock: Clock, userId: string, pin: string): Promise<void> {
  assertPinStrong(pin);
  await prisma.credential.update({ where: { userId }, data: { pinHash: await hashPassword(pin), pinFailedCount: 0, pinFailedDay: null } });
  await recordAudit(prisma, log, clock.now(), { action: 'pin-set', outcome: 'success', userId });
}

export function pinLockedToday(credential: { pinFailedCount: number; pinFailedDay: string | null }, now: Date): boolean {
  return credential.pinFailedDay === shanghaiDay(now) && credential.pinFailedCount >= MAX_PIN_FAILURES_PER_DAY;
}

/**
 * Checks the PIN, counting wrong entries per day; throws PIN_NOT_SET, PIN_LOCKED or CHALLENGE_INVALID.
 * Each wrong entry is counted by one UPDATE (see countPinFailure), and the right PIN clears the count
 * only while the PIN is not locked, so concurrent entries can neither lose a count nor slip past a lock.
 */
export async function verifyPin(prisma: PrismaClient, log: Logger, clock: Clock, userId: string, pin: string): Promise<void> {
  const now = clock.now();
  const today = shanghaiDay(now);
  const credential = await prisma.credential.findUniqueOrThrow({ where: { userId } });
  if (!credential.pinHash) throw bankError(ErrorCode.PinNotSet, '尚未设置交易密码');
  if (pinLockedToday(credential, now)) throw pinLocked();
  if ((await verifyPassword(credential.pinHash, pin)) && (await clearPinFailures(prisma, userId, today))) return;
  const failures = await countPinFailure(prisma, userId, today);
  if (failures >= MAX_PIN_FAILURES_PER_DAY) {
    if (failures === MAX_PIN_FAILURES_PER_DAY) await recordAudit(prisma, log, now, { action: 'pin-locked', outcome: 'failure', userId });
    throw pinLocked();
  }
  throw bankError(ErrorCode.ChallengeInvalid, `交易密码错误，今日还可尝试 ${MAX_PIN_FAILURES_PER_DAY - failures} 次`, {
    details: { attemptsLeft: MAX_PIN_FAILURES_PER_DAY - failures },
  });
}

/** One more wrong PIN today, by one UPDATE evaluated against the row as the previous writer left it; returns today's count. */
async function countPinFailure(prisma: PrismaClient, userId: string, today: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ failures: number }[]>`
    UPDATE credential SET
      pin_failed_count = CASE WHEN pin_failed_day = ${today} THEN pin_failed_count + 1 ELSE 1 END,
      pin_failed_day = ${today}
    WHERE user_id = ${userId}
    RETURNING pin_failed_count AS failures`;
  if (!row) throw new Error(`no credential for ${userId}`);
  return row.failures;
}

/** Clears the count after the right PIN, unless today's wrong entries (some perhaps concurrent) have locked it. */
async function clearPinFailures(prisma: PrismaClient, userId: string, today: string): Promise<boolean> {
  const { count } = await prisma.credential.updateMany({
    where: { userId, OR: [{ pinFailedDay: null }, { pinFailedDay: { not: today } }, { pinFailedCount: { lt: MAX_PIN_FAILURES_PER_DAY } }] },
    data: { pinFailedCount: 0, pinFailedDay: null },
  });
  return count === 1;
}

function pinLocked() {
  return bankError(ErrorCode.PinLocked, '交易密码错误次数过多，今日已锁定，请明日再试');
}
