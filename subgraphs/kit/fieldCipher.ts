/**
 * Field-level encryption for personal data at rest (mobile, ID number): AES-256-GCM with a
 * random 96-bit nonce per value, and a keyed blind index (HMAC-SHA256) so that exact-match
 * lookups work without decrypting. Logs and errors only ever see masked values.
 *
 * Keys are versioned and every ciphertext names its key: `v<n>:<iv>:<tag>:<ciphertext>`.
 *   v1  FIELD_ENCRYPTION_KEY (platform/secrets.ts: from the environment, or generated once in development)
 *   vN  FIELD_ENCRYPTION_KEY_V<N> (base64, at least 32 bytes), from the environment only
 * New values are written with FIELD_ENCRYPTION_ACTIVE_VERSION (e.g. `v2`), or else the highest
 * version configured. Rotating: give every process the new key first, then switch the active
 * version (or let it default), then re-encrypt old rows with `reEncryptField` at leisure; old
 * values keep decrypting as long as their key stays configured. The blind index has its own key
 * (BLIND_INDEX_KEY) and is not rotated this way: changing it means re-indexing every row.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { loadSecret } from '../../platform/secrets';

const FORMAT = /^v(\d{1,3})$/;

function versionedKey(version: number, env: NodeJS.ProcessEnv): Buffer | undefined {
  if (version === 1) return loadSecret('FIELD_ENCRYPTION_KEY', env).subarray(0, 32);
  const encoded = env[`FIELD_ENCRYPTION_KEY_V${version}`];
  if (!encoded) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 32) throw new Error(`FIELD_ENCRYPTION_KEY_V${version} must be at least 32 bytes, base64-encoded`);
  return bytes.subarray(0, 32);
}

/** The versions configured in this process, v1 always included. */
export function fieldKeyVersions(env: NodeJS.ProcessEnv = process.env): number[] {
  const extra = Object.keys(env)
    .map((name) => /^FIELD_ENCRYPTION_KEY_V(\d{1,3})$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined && Boolean(env[`FIELD_ENCRYPTION_KEY_V${version}`]))
    .map(Number)
    .filter((version) => version > 1);
  return [1, ...new Set(extra)].sort((a, b) => a - b);
}

/** The version new values are encrypted with. */
export function activeFieldKeyVersion(env: NodeJS.ProcessEnv = process.env): number {
  const chosen = env.FIELD_ENCRYPTION_ACTIVE_VERSION;
  if (chosen) {
    const version = Number(FORMAT.exec(chosen)?.[1]);
    if (!version || !versionedKey(version, env)) throw new Error(`FIELD_ENCRYPTION_ACTIVE_VERSION=${chosen} names no configured key`);
    return version;
  }
  return fieldKeyVersions(env).at(-1)!;
}

export function encryptField(plaintext: string, env: NodeJS.ProcessEnv = process.env): string {
  const version = activeFieldKeyVersion(env);
  const key = versionedKey(version, env)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [`v${version}`, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** The key version a stored value was encrypted with. */
export function fieldKeyVersion(stored: string): number {
  const version = Number(FORMAT.exec(stored.split(':', 1)[0] ?? '')?.[1]);
  if (!version) throw new Error('unrecognised encrypted field');
  return version;
}

export function decryptField(stored: string, env: NodeJS.ProcessEnv = process.env): string {
  const [, iv, tag, ciphertext] = stored.split(':');
  const version = fieldKeyVersion(stored);
  if (!iv || !tag || ciphertext === undefined) throw new Error('unrecognised encrypted field');
  const key = versionedKey(version, env);
  if (!key) throw new Error(`no field-encryption key configured for version v${version}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** True when a stored value was written with an older key than the active one. */
export function needsReEncryption(stored: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return fieldKeyVersion(stored) !== activeFieldKeyVersion(env);
}

/** Re-encrypts a stored value under the active key (a rotation job's step); unchanged if already current. */
export function reEncryptField(stored: string, env: NodeJS.ProcessEnv = process.env): string {
  return needsReEncryption(stored, env) ? encryptField(decryptField(stored, env), env) : stored;
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
