/**
 * A WebAuthn platform authenticator in software, for tests without a browser: it answers
 * navigator.credentials.create() with attestation format "none" and get() with an ES256 assertion,
 * building authenticatorData, clientDataJSON and the CBOR attestation object by hand as the WebAuthn
 * Level 2 specification lays them out (§6.1 authenticator data, §6.5.4 attested credential data,
 * §8.7 "none" attestation, COSE EC2 keys per RFC 9053).
 */
import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';

type Cbor = number | string | Buffer | Cbor[] | Map<Cbor, Cbor>;

function cborHeader(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (major << 5) | 26;
  out.writeUInt32BE(length, 1);
  return out;
}

export function encodeCbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHeader(0, value) : cborHeader(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHeader(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([cborHeader(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHeader(4, value.length), ...value.map(encodeCbor)]);
  return Buffer.concat([cborHeader(5, value.size), ...[...value].flatMap(([key, item]) => [encodeCbor(key), encodeCbor(item)])]);
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest();

/** User present (0x01) and user verified (0x04); attested credential data included (0x40). */
const FLAGS_UP_UV = 0x05;
const FLAG_AT = 0x40;

interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
}

export class SoftwareAuthenticator {
  private privateKey?: KeyObject;
  private credentialId = randomBytes(16);
  private userHandle?: Buffer;
  private rpId?: string;
  signCount = 0;

  constructor(private readonly origin: string) {}

  get id(): string {
    return b64url(this.credentialId);
  }

  /** navigator.credentials.create(): a new ES256 credential, attestation "none". */
  create(optionsJson: string, origin = this.origin): string {
    const options = JSON.parse(optionsJson) as CreationOptions;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.rpId = options.rp.id;
    this.userHandle = Buffer.from(options.user.id, 'base64url');
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = encodeCbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.signCount);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id),
      Buffer.from([FLAGS_UP_UV | FLAG_AT]),
      counter,
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      coseKey,
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const attestationObject = encodeCbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
    });
  }

  /** navigator.credentials.get(): signs authenticatorData ‖ SHA-256(clientDataJSON) and advances the counter. */
  get(optionsJson: string, origin = this.origin): string {
    if (!this.privateKey || !this.rpId || !this.userHandle) throw new Error('no credential yet');
    const options = JSON.parse(optionsJson) as RequestOptions;
    this.signCount += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.signCount);
    const authData = Buffer.concat([sha256(options.rpId ?? this.rpId), Buffer.from([FLAGS_UP_UV]), counter]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(this.userHandle),
      },
    });
  }
}
