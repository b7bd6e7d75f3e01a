/**
 * The keys of internal identity. Every process that signs internal tokens — the gateway and each
 * center — has its own Ed25519 key pair; a token is verified with the public key its `kid` names,
 * and the key's owner (not a claim in the token) says who signed it.
 *
 * Production (or whenever the variables are set):
 *   <NAME>_INTERNAL_SIGNING_KEY       this process's private key, PKCS#8 PEM (`_FILE`: a mounted file)
 *   INTERNAL_TRUSTED_KEYS             a JWKS of the public keys of the processes that call this one
 *                                     (`_FILE`: a mounted file); each `kid` is `<owner>:<thumbprint>`
 * A process trusts the public halves of its own keys as well. During a key switch the JWKS holds
 * the old and the new key of a caller; both verify until the old one is removed.
 *
 * Development (when no key is configured): one key pair per process is generated once under
 * `.data/internal-keys/`, and every process trusts all of them (a development machine runs them all).
 * In test and production nothing is generated: a missing key is an error when it is first needed.
 *
 * `npm run keys:internal -- <name>` prints a new key pair in the form production reads.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENTERS, CenterName } from '../centers';
import { config } from '../config';
import { dataDirectory } from '../paths';

/** Who can hold an internal signing key: the gateway or a center. */
export type Principal = 'gateway' | CenterName;
export const PRINCIPALS: readonly Principal[] = ['gateway', ...CENTERS];

export function isPrincipal(value: string): value is Principal {
  return (PRINCIPALS as readonly string[]).includes(value);
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface VerificationKey {
  owner: Principal;
  publicKey: KeyObject;
}

export interface InternalKeyring {
  /** The key this process signs with as `principal`; throws when the process does not hold it. */
  signingKey(principal: Principal): SigningKey;
  /** The public key a token's `kid` names, if this process trusts it. */
  verificationKey(kid: string): VerificationKey | undefined;
}

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

type Env = Readonly<Record<string, string | undefined>>;

export function signingKeyVariable(principal: Principal): string {
  return `${principal.toUpperCase()}_INTERNAL_SIGNING_KEY`;
}

/**
 * `<owner>:<digest>`, the digest over the owner and the key's RFC 7638 thumbprint input: a key
 * cannot be filed under another owner's name (by mistake or on purpose) without its kid failing.
 */
export function keyId(owner: Principal, publicKey: KeyObject): string {
  const thumbprintInput = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x: publicJwkX(publicKey) });
  return `${owner}:${createHash('sha256').update(`${owner}\n${thumbprintInput}`).digest('base64url').slice(0, 16)}`;
}

function publicJwkX(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('internal keys must be Ed25519');
  return jwk.x;
}

export function publicJwk(owner: Principal, publicKey: KeyObject): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: publicJwkX(publicKey), kid: keyId(owner, publicKey), alg: 'EdDSA', use: 'sig' };
}

/** A new key pair for `owner`: the PEM its process reads, and the JWK its callees trust. */
export function generateInternalKey(owner: Principal): { privateKeyPem: string; jwk: PublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), jwk: publicJwk(owner, publicKey) };
}

/**
 * Environment variables giving `holders` their private keys and trusting every generated key:
 * what a test run or a benchmark hands its processes.
 */
export function generatedKeyEnvironment(holders: readonly Principal[] = PRINCIPALS): Record<string, string> {
  const env: Record<string, string> = {};
  const keys: PublicJwk[] = [];
  for (const principal of PRINCIPALS) {
    const { privateKeyPem, jwk } = generateInternalKey(principal);
    keys.push(jwk);
    if (holders.includes(principal)) env[signingKeyVariable(principal)] = privateKeyPem;
  }
  env.INTERNAL_TRUSTED_KEYS = JSON.stringify({ keys });
  return env;
}

/** Reads `NAME`, or the file `NAME_FILE` names (a mounted secret). */
function configured(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value) return value;
  const file = env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8') : undefined;
}

function parsePrivateKey(name: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    // Orchestrators often flatten a PEM into one line with literal "\n".
    key = createPrivateKey(pem.includes('\\n') ? pem.replaceAll('\\n', '\n') : pem);
  } catch {
    throw new Error(`${name} must be a PKCS#8 PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} must be an Ed25519 key`);
  return key;
}

function parseTrustedKeys(text: string): Map<string, VerificationKey> {
  let keys: unknown;
  try {
    keys = (JSON.parse(text) as { keys?: unknown }).keys;
  } catch {
    throw new Error('INTERNAL_TRUSTED_KEYS must be a JWKS (JSON with a "keys" array)');
  }
  if (!Array.isArray(keys)) throw new Error('INTERNAL_TRUSTED_KEYS must be a JWKS (JSON with a "keys" array)');
  const trusted = new Map<string, VerificationKey>();
  for (const jwk of keys as Partial<PublicJwk>[]) {
    const owner = typeof jwk.kid === 'string' ? jwk.kid.split(':')[0]! : '';
    if (!isPrincipal(owner)) throw new Error(`INTERNAL_TRUSTED_KEYS: kid "${jwk.kid}" does not start with a gateway or center name`);
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    } catch {
      throw new Error(`INTERNAL_TRUSTED_KEYS: key "${jwk.kid}" is not an Ed25519 public key`);
    }
    // The kid is derived from the key, so a key cannot be filed under another owner's name by mistake.
    if (keyId(owner, publicKey) !== jwk.kid) throw new Error(`INTERNAL_TRUSTED_KEYS: kid "${jwk.kid}" does not match its key`);
    trusted.set(jwk.kid, { owner, publicKey });
  }
  return trusted;
}

/** The keyring described by `env` (see the file comment). */
export function createInternalKeyring(env: Env = process.env): InternalKeyring {
  const signing = new Map<Principal, SigningKey>();
  const trusted = new Map<string, VerificationKey>();
  const trustedText = configured(env, 'INTERNAL_TRUSTED_KEYS');
  const anyConfigured = trustedText !== undefined || PRINCIPALS.some((principal) => configured(env, signingKeyVariable(principal)));
  const holdKey = (principal: Principal, privateKey: KeyObject) => {
    const publicKey = createPublicKey(privateKey);
    const kid = keyId(principal, publicKey);
    signing.set(principal, { kid, privateKey });
    trusted.set(kid, { owner: principal, publicKey });
  };

  if (anyConfigured || !config(env).development.generatedSecrets) {
    if (trustedText !== undefined) for (const [kid, key] of parseTrustedKeys(trustedText)) trusted.set(kid, key);
    for (const principal of PRINCIPALS) {
      const name = signingKeyVariable(principal);
      const pem = configured(env, name);
      if (pem) holdKey(principal, parsePrivateKey(name, pem));
    }
  } else {
    for (const [principal, privateKey] of developmentKeys(env)) holdKey(principal, privateKey);
  }

  return {
    signingKey(principal) {
      const key = signing.get(principal);
      if (!key) throw new Error(`${signingKeyVariable(principal)} is not set: this process cannot sign as ${principal}`);
      return key;
    },
    verificationKey: (kid) => trusted.get(kid),
  };
}

/** Development keys under `.data/internal-keys/`, created once for every principal. */
function developmentKeys(env: Env): Map<Principal, KeyObject> {
  const directory = join(dataDirectory(env as NodeJS.ProcessEnv), 'internal-keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  for (const principal of PRINCIPALS) {
    const file = join(directory, `${principal}.pem`);
    if (existsSync(file)) continue;
    // Written aside, then linked into place: `link` fails if another process got there first, and
    // nobody ever reads a half-written key.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, generateInternalKey(principal).privateKeyPem, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  const keys = new Map<Principal, KeyObject>();
  for (const file of readdirSync(directory)) {
    const principal = file.replace(/\.pem$/, '');
    if (file.endsWith('.pem') && isPrincipal(principal))
      keys.set(principal, parsePrivateKey(file, readFileSync(join(directory, file), 'utf8')));
  }
  return keys;
}

let processKeyring: InternalKeyring | undefined;

/** This process's keyring, read from its environment on first use. */
export function internalKeyring(): InternalKeyring {
  processKeyring ??= createInternalKeyring(process.env);
  return processKeyring;
}
