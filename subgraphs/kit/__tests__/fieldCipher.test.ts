import { blindIndex, decryptField, encryptField, maskAccountNumber, maskIdNumber, maskMobile } from '../fieldCipher';

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
