import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  blindIndex,
  blindIndexCandidates,
  decryptField,
  encryptField,
  FieldBinding,
  fieldKeyVersion,
  isUnboundField,
  maskAccountNumber,
  maskIdNumber,
  maskMobile,
  needsReEncryption,
  reEncryptField,
} from '../fieldCipher';
import { loadSecret } from '../../../platform/secrets';
import { hmacSm3, sm4Ctr } from '../fieldEncryption/nationalAlgorithms';

// Outside development secrets come from the environment; give this process its own if the harness did not.
process.env.FIELD_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
process.env.BLIND_INDEX_KEY ??= randomBytes(32).toString('base64');

const zhang: FieldBinding = { table: 'customer', column: 'mobile_cipher', row: 'customer-zhang' };
const li: FieldBinding = { table: 'customer', column: 'mobile_cipher', row: 'customer-li' };
const key = () => randomBytes(32).toString('base64');

test('personal data is encrypted with a fresh nonce and decrypts back in its place', () => {
  const first = encryptField('13800000001', zhang);
  const second = encryptField('13800000001', zhang);
  expect(first).not.toContain('13800000001');
  expect(first).not.toBe(second);
  expect(decryptField(first, zhang)).toBe('13800000001');
});

describe('a ciphertext is bound to its table, column and row', () => {
  for (const algorithm of ['aes-256-gcm', 'sm4-ctr-hmac-sm3']) {
    const env = { ...process.env, FIELD_ENCRYPTION_KEYS: `v3:${algorithm}:${key()}`, FIELD_ENCRYPTION_WRITE_VERSION: 'v3' };

    test(`${algorithm}: swapping two rows' values, or moving one to another column or table, fails to decrypt`, () => {
      const zhangMobile = encryptField('13800000001', zhang, env);
      const liMobile = encryptField('13800000002', li, env);
      // Swapped: each row now holds the other's ciphertext.
      expect(() => decryptField(liMobile, zhang, env)).toThrow('integrity');
      expect(() => decryptField(zhangMobile, li, env)).toThrow('integrity');
      expect(() => decryptField(zhangMobile, { ...zhang, column: 'id_number_cipher' }, env)).toThrow('integrity');
      expect(() => decryptField(zhangMobile, { ...zhang, table: 'credential' }, env)).toThrow('integrity');
      expect(decryptField(zhangMobile, zhang, env)).toBe('13800000001');
      expect(decryptField(liMobile, li, env)).toBe('13800000002');
    });
  }

  test('the parts of the binding cannot be shifted into one another', () => {
    const stored = encryptField('x', { table: 'a', column: 'b/c', row: 'd' });
    expect(() => decryptField(stored, { table: 'a', column: 'b', row: 'c/d' })).toThrow('integrity');
    expect(() => decryptField(stored, { table: 'a/b', column: 'c', row: 'd' })).toThrow('integrity');
  });
});

describe('SM4-CTR with an HMAC-SM3 tag', () => {
  const env = { ...process.env, FIELD_ENCRYPTION_KEYS: `v2:sm4-ctr-hmac-sm3:${key()}`, FIELD_ENCRYPTION_WRITE_VERSION: 'v2' };

  test('round trip, names its version and algorithm, Chinese text included', () => {
    const stored = encryptField('张晓明 330702199003150012', zhang, env);
    expect(stored).toMatch(/^v2:sm4:/);
    const [, , iv, tag] = stored.split(':');
    expect(Buffer.from(iv!, 'base64')).toHaveLength(16);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(32);
    expect(decryptField(stored, zhang, env)).toBe('张晓明 330702199003150012');
  });

  test('a flipped bit in the ciphertext, IV or tag, or a changed version prefix, is detected', () => {
    const stored = encryptField('330702199003150012', zhang, env);
    const parts = stored.split(':');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts.slice(0, index), bytes.toString('base64'), ...parts.slice(index + 1)].join(':');
      expect(() => decryptField(tampered, zhang, env)).toThrow('integrity');
    }
    // The same secret configured under another version number does not accept the value either.
    const renumbered = {
      ...env,
      FIELD_ENCRYPTION_KEYS: env.FIELD_ENCRYPTION_KEYS.replace('v2:', 'v5:'),
      FIELD_ENCRYPTION_WRITE_VERSION: 'v5',
    };
    expect(() => decryptField(['v5', ...parts.slice(1)].join(':'), zhang, renumbered)).toThrow('integrity');
    // Claiming the AES algorithm for an SM4 key is refused outright.
    expect(() => decryptField(['v2', 'gcm', ...parts.slice(2)].join(':'), zhang, env)).toThrow('sm4-ctr-hmac-sm3');
  });

  test('OpenSSL and the sm-crypto fallback compute the same SM4-CTR and HMAC-SM3', () => {
    const sm4Key = randomBytes(16);
    const iv = Buffer.from('ffffffffffffffffffffffffffffff00', 'hex'); // the counter wraps inside the message
    const data = randomBytes(16 * 300 + 5);
    expect(sm4Ctr(sm4Key, iv, data, false).equals(sm4Ctr(sm4Key, iv, data, true))).toBe(true);
    expect(sm4Ctr(sm4Key, iv, sm4Ctr(sm4Key, iv, data)).equals(data)).toBe(true);
    const macKey = randomBytes(32);
    expect(hmacSm3(macKey, data, false).equals(hmacSm3(macKey, data, true))).toBe(true);
    // GB/T 32907 appendix A.1: one block under the example key.
    const standard = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const block = sm4Ctr(standard, standard, Buffer.alloc(16)); // keystream = E(K, counter)
    expect(block.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('key rotation: a new version is readable everywhere before anything writes with it', () => {
  const v1 = key();
  const v2 = key();
  const before = { ...process.env, FIELD_ENCRYPTION_KEYS: `v1:aes-256-gcm:${v1}` };
  const readable = { ...process.env, FIELD_ENCRYPTION_KEYS: `v1:aes-256-gcm:${v1},v2:sm4-ctr-hmac-sm3:${v2}` };
  const writing = { ...readable, FIELD_ENCRYPTION_WRITE_VERSION: 'v2' };

  test('adding a key changes nothing that is written; switching the write version does; old values still read', () => {
    // Step 1: every process gets v2. It still writes v1, so a process not yet restarted reads everything.
    const duringRollout = encryptField('13800000001', zhang, readable);
    expect(fieldKeyVersion(duringRollout)).toBe(1);
    expect(decryptField(duringRollout, zhang, before)).toBe('13800000001');
    // Step 2: every process writes v2; all of them can read it, and the v1 values too.
    const afterSwitch = encryptField('13800000001', zhang, writing);
    expect(afterSwitch).toMatch(/^v2:sm4:/);
    expect(decryptField(afterSwitch, zhang, readable)).toBe('13800000001');
    expect(decryptField(duringRollout, zhang, writing)).toBe('13800000001');
    // Skipping step 1 is what breaks: a process without v2 cannot read v2 values (and says which key).
    expect(() => decryptField(afterSwitch, zhang, before)).toThrow('v2');
  });

  test('re-encryption upgrades a value to the write version; a current value is left as it is', () => {
    const old = encryptField('330702199003150012', zhang, readable);
    expect(needsReEncryption(old, readable)).toBe(false);
    expect(needsReEncryption(old, writing)).toBe(true);
    const upgraded = reEncryptField(old, zhang, writing);
    expect(upgraded).toMatch(/^v2:sm4:/);
    expect(decryptField(upgraded, zhang, writing)).toBe('330702199003150012');
    expect(reEncryptField(upgraded, zhang, writing)).toBe(upgraded);
  });

  test('a write version the keyring does not hold, or a malformed keyring, stops at once', () => {
    expect(() => encryptField('x', zhang, { ...readable, FIELD_ENCRYPTION_WRITE_VERSION: 'v7' })).toThrow('v7');
    expect(() => encryptField('x', zhang, { ...process.env, FIELD_ENCRYPTION_KEYS: `v2:rot13:${v2}` })).toThrow('algorithm');
    expect(() => encryptField('x', zhang, { ...process.env, FIELD_ENCRYPTION_KEYS: `v2:aes-256-gcm:c2hvcnQ=` })).toThrow('32 bytes');
    expect(() => decryptField('v9:gcm:a:b:c', zhang, readable)).toThrow('v9');
    expect(() => decryptField('x1:a:b:c', zhang)).toThrow('unrecognised');
  });
});

test('values written before bindings (v1, AES-256-GCM, no associated data) still decrypt and need re-encryption', () => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loadSecret('FIELD_ENCRYPTION_KEY').subarray(0, 32), iv);
  const ciphertext = Buffer.concat([cipher.update('13800000001', 'utf8'), cipher.final()]);
  const legacy = ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  expect(isUnboundField(legacy)).toBe(true);
  expect(decryptField(legacy, zhang)).toBe('13800000001');
  expect(needsReEncryption(legacy)).toBe(true);
  const bound = reEncryptField(legacy, zhang);
  expect(isUnboundField(bound)).toBe(false);
  expect(() => decryptField(bound, li)).toThrow('integrity');
});

describe('blind indexes', () => {
  const mobile = { table: 'customer', column: 'mobile_index', legacyKind: 'mobile' };

  test('deterministic per column and value, unrelated across columns', () => {
    expect(blindIndex(mobile, '13800000001')).toBe(blindIndex(mobile, ' 13800000001 '));
    expect(blindIndex(mobile, '13800000001')).not.toBe(blindIndex(mobile, '13800000002'));
    expect(blindIndex(mobile, '13800000001')).not.toBe(blindIndex({ table: 'credential', column: 'login_index' }, '13800000001'));
    expect(blindIndex(mobile, '13800000001')).toMatch(/^h256:/);
  });

  test('HMAC-SM3 by configuration; lookups find rows indexed under either algorithm or before bindings', () => {
    const sm3 = { ...process.env, BLIND_INDEX_ALGORITHM: 'hmac-sm3' };
    const current = blindIndex(mobile, '13800000001', sm3);
    expect(current).toMatch(/^sm3:/);
    expect(current.slice(4)).not.toBe(blindIndex(mobile, '13800000001').slice(5));
    const candidates = blindIndexCandidates(mobile, '13800000001', sm3);
    expect(candidates[0]).toBe(current);
    expect(candidates).toContain(blindIndex(mobile, '13800000001'));
    const unbound = createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update('mobile:13800000001').digest('base64url');
    expect(candidates).toContain(unbound);
    expect(() => blindIndex(mobile, 'x', { ...process.env, BLIND_INDEX_ALGORITHM: 'md5' })).toThrow('BLIND_INDEX_ALGORITHM');
  });
});

test('masks', () => {
  expect(maskMobile('13800000001')).toBe('138****0001');
  expect(maskIdNumber('330702199003150012')).toBe('3307**********0012');
  expect(maskAccountNumber('6230580000000000011')).toBe('6230 **** **** 0011');
});
