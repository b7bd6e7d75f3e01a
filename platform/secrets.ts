/**
 * Platform secrets (field-encryption keys; internal signing keys live in identity/internalKeys.ts). Outside development each must
 * come from the environment (base64, at least 32 bytes; the test harness sets its own). In
 * development a random secret is generated once and kept under `.data/secrets/`, so data encrypted
 * yesterday still decrypts today and separately started processes agree on the same keys.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from './config';
import { dataDirectory } from './paths';

export type SecretName = 'FIELD_ENCRYPTION_KEY' | 'BLIND_INDEX_KEY';

const cache = new Map<SecretName, Buffer>();

export function loadSecret(name: SecretName, env: NodeJS.ProcessEnv = process.env): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  const secret = readSecret(name, env);
  cache.set(name, secret);
  return secret;
}

function readSecret(name: SecretName, env: NodeJS.ProcessEnv): Buffer {
  const fromEnv = env[name];
  if (fromEnv) return decode(name, fromEnv);
  const { mode, development } = config(env);
  if (!development.generatedSecrets) throw new Error(`${name} must be set (NODE_ENV=${mode}: secrets are generated only in development)`);

  const directory = join(dataDirectory(env), 'secrets');
  const file = join(directory, name);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  try {
    // `wx` fails if another process created it first; then both read the same file.
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decode(name, readFileSync(file, 'utf8').trim());
}

function decode(name: SecretName, value: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 32) throw new Error(`${name} must be at least 32 bytes, base64-encoded`);
  return bytes;
}
