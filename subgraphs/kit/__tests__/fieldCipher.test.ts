import { randomBytes } from 'node:crypto';
import {
  blindIndex,
  decryptField,
  encryptField,
  fieldKeyVersion,
  maskAccountNumber,
  maskIdNumber,
  maskMobile,
  needsReEncryption,
  reEncryptField,
} from '../fieldCipher';

test('personal data is encrypted with a fresh nonce and decrypts back', () => {
  const first = encryptField('13800000001');
  const second = encryptField('13800000001');
  expect(first).not.toContain('13800000001');
  expect(first).not.toBe(second);
  expect(decryptField(first)).toBe('13800000001');
});

test('tampered ciphertext is rejected by the GCM tag', () => {
  const [version, iv, tag, ciphertext] = encryptField('330702199003150012').split(':');
  const flipped = Buffer.from(ciphertext!, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => decryptField([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
});

test('the blind index is deterministic per kind and value', () => {
  expect(blindIndex('mobile', '13800000001')).toBe(blindIndex('mobile', ' 13800000001 '));
  expect(blindIndex('mobile', '13800000001')).not.toBe(blindIndex('mobile', '13800000002'));
  expect(blindIndex('mobile', '13800000001')).not.toBe(blindIndex('id-number', '13800000001'));
});

test('masks', () => {
  expect(maskMobile('13800000001')).toBe('138****0001');
  expect(maskIdNumber('330702199003150012')).toBe('3307**********0012');
  expect(maskAccountNumber('6230580000000000011')).toBe('6230 **** **** 0011');
});

describe('key versions', () => {
  const v2 = randomBytes(32).toString('base64');
  const withV2 = { ...process.env, FIELD_ENCRYPTION_KEY_V2: v2 };

  test('values name their key; a new key takes over new writes while old values still decrypt', () => {
    const old = encryptField('13800000001');
    expect(fieldKeyVersion(old)).toBe(1);
    const fresh = encryptField('13800000001', withV2);
    expect(fresh.startsWith('v2:')).toBe(true);
    expect(decryptField(fresh, withV2)).toBe('13800000001');
    expect(decryptField(old, withV2)).toBe('13800000001');
    // A process without the v2 key cannot read v2 values (and says which key is missing).
    expect(() => decryptField(fresh)).toThrow('v2');
  });

  test('the active version can be held back while the new key is rolled out, and rotation re-encrypts', () => {
    const staged = { ...withV2, FIELD_ENCRYPTION_ACTIVE_VERSION: 'v1' };
    const written = encryptField('330702199003150012', staged);
    expect(fieldKeyVersion(written)).toBe(1);
    expect(needsReEncryption(written, staged)).toBe(false);
    expect(needsReEncryption(written, withV2)).toBe(true);
    const rotated = reEncryptField(written, withV2);
    expect(fieldKeyVersion(rotated)).toBe(2);
    expect(decryptField(rotated, withV2)).toBe('330702199003150012');
    expect(reEncryptField(rotated, withV2)).toBe(rotated);
    expect(() => encryptField('x', { ...process.env, FIELD_ENCRYPTION_ACTIVE_VERSION: 'v7' })).toThrow('v7');
  });

  test('a value under the wrong key version fails its GCM tag rather than decrypting to garbage', () => {
    const [, iv, tag, ciphertext] = encryptField('13800000001').split(':');
    expect(() => decryptField(['v2', iv, tag, ciphertext].join(':'), withV2)).toThrow();
    expect(() => decryptField('v9:a:b:c', withV2)).toThrow('v9');
    expect(() => decryptField('x1:a:b:c')).toThrow('unrecognised');
  });
});
