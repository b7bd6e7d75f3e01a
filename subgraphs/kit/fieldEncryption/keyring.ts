/**
 * The field-encryption keyring: every key version a process can read, each with its algorithm, and
 * the one version it writes with.
 *
 *   FIELD_ENCRYPTION_KEYS           comma-separated `v<n>:<algorithm>:<base64 secret, ≥ 32 bytes>`,
 *                                   algorithm `aes-256-gcm` or `sm4-ctr-hmac-sm3`
 *   FIELD_ENCRYPTION_KEY            v1 (AES-256-GCM) when the keyring does not name v1; generated once
 *                                   under `.data/secrets/` in development when no keyring is set
 *   FIELD_ENCRYPTION_WRITE_VERSION  the version new values are written with (`v2`)
 *
 * Adding a key never changes what is written: without FIELD_ENCRYPTION_WRITE_VERSION the lowest
 * configured version is written. A rotation is therefore two deployments: first every process gets
 * the new key (readable everywhere), then every process gets the new write version.
 */
import { loadSecret } from '../../../platform/secrets';

export type FieldAlgorithm = 'aes-256-gcm' | 'sm4-ctr-hmac-sm3';
export const FIELD_ALGORITHMS: readonly FieldAlgorithm[] = ['aes-256-gcm', 'sm4-ctr-hmac-sm3'];

export interface FieldKey {
  version: number;
  algorithm: FieldAlgorithm;
  secret: Buffer;
}

export interface FieldKeyring {
  keys: ReadonlyMap<number, FieldKey>;
  writeVersion: number;
}

const VERSION = /^v?(\d{1,4})$/;
const cache = new Map<string, FieldKeyring>();

export function parseKeyVersion(text: string): number | undefined {
  const version = Number(VERSION.exec(text.trim())?.[1]);
  return version > 0 ? version : undefined;
}

export function fieldKeyring(env: NodeJS.ProcessEnv = process.env): FieldKeyring {
  const cacheKey = [env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY, env.FIELD_ENCRYPTION_WRITE_VERSION, env.NODE_ENV].join('\n');
  let keyring = cache.get(cacheKey);
  if (!keyring) {
    keyring = readKeyring(env);
    cache.set(cacheKey, keyring);
  }
  return keyring;
}

function readKeyring(env: NodeJS.ProcessEnv): FieldKeyring {
  const keys = new Map<number, FieldKey>();
  for (const entry of (env.FIELD_ENCRYPTION_KEYS ?? '').split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const [versionText = '', algorithm = '', encoded = '', ...rest] = entry.split(':');
    const version = parseKeyVersion(versionText);
    if (!version || rest.length > 0) throw new Error('FIELD_ENCRYPTION_KEYS entries are v<n>:<algorithm>:<base64 secret>');
    if (!FIELD_ALGORITHMS.includes(algorithm as FieldAlgorithm)) {
      throw new Error(`FIELD_ENCRYPTION_KEYS v${version}: algorithm must be one of ${FIELD_ALGORITHMS.join(', ')}`);
    }
    if (keys.has(version)) throw new Error(`FIELD_ENCRYPTION_KEYS names v${version} twice`);
    keys.set(version, {
      version,
      algorithm: algorithm as FieldAlgorithm,
      secret: decodeSecret(`FIELD_ENCRYPTION_KEYS v${version}`, encoded),
    });
  }
  // v1 is the original single key: it stays readable while it is configured, and is what a
  // development machine generates when nothing is configured.
  if (!keys.has(1) && (env.FIELD_ENCRYPTION_KEY || keys.size === 0)) {
    keys.set(1, { version: 1, algorithm: 'aes-256-gcm', secret: loadSecret('FIELD_ENCRYPTION_KEY', env) });
  }

  const chosen = env.FIELD_ENCRYPTION_WRITE_VERSION;
  const writeVersion = chosen ? parseKeyVersion(chosen) : Math.min(...keys.keys());
  if (!writeVersion || !keys.has(writeVersion)) {
    throw new Error(
      `FIELD_ENCRYPTION_WRITE_VERSION=${chosen} names no key of the keyring (${[...keys.keys()].map((v) => `v${v}`).join(', ')})`,
    );
  }
  return { keys, writeVersion };
}

function decodeSecret(name: string, encoded: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 32) throw new Error(`${name} must be at least 32 bytes, base64-encoded`);
  return bytes;
}
