/**
 * Field-level encryption for personal data at rest (mobile, ID number): AES-256-GCM with a
 * random 96-bit nonce per value, and a keyed blind index (HMAC-SHA256) so that exact-match
 * lookups work without decrypting. Logs and errors only ever see masked values.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { loadSecret } from './secrets';

const VERSION = 'v1';

export function encryptField(plaintext: string): string {
  const key = loadSecret('FIELD_ENCRYPTION_KEY').subarray(0, 32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function decryptField(stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(':');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('unrecognised encrypted field');
  const key = loadSecret('FIELD_ENCRYPTION_KEY').subarray(0, 32);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** Deterministic keyed digest of a normalised value, for unique indexes and lookups. */
export function blindIndex(kind: string, value: string): string {
  return createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update(`${kind}:${value.trim()}`).digest('base64url');
}

/** 138****0001 */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}

/** 1101**********1234 (first 4 and last 4 visible) */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length > 8 ? `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}` : '****';
}

/** 李秀英 → 李*英, 张三 → 张*: another person's name is never shown in full. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** 6230 **** **** 0011 */
export function maskAccountNumber(accountNumber: string): string {
  return accountNumber.length > 8 ? `${accountNumber.slice(0, 4)} **** **** ${accountNumber.slice(-4)}` : '****';
}
