import { sm2 } from 'sm-crypto';
import { decryptSm2 } from '../service/pin';

const C1C3C2 = 1;

/**
 * A real sm-crypto C1C3C2 ciphertext of '258036:ch_1' whose point's x coordinate starts with byte 0x04
 * (found by encrypting until one did: about 1 in 256 do). A decoder that strips a leading '04' corrupts it.
 */
const fixture = {
  privateKey: 'a9c5266db5fcc5284977b37bf916d1aa8eded060f7c294b8640d49f855650e03',
  ciphertext:
    '040aaa5e0f0475d7903ef779d0f9e17e1ef6e52a14bc378fc447b6066793ee5ca9bbdb6c52d1872411ee528055702592b3cb6e1955e6652246917179e15836907283' +
    '18649d610cd9e27d4316bcd02725ba56ca36ebbfb2f253dbd9395d69c03771fa2d5519f0856b17605e',
};
const { publicKey, privateKey } = sm2.generateKeyPairHex();

test('a bare ciphertext whose point starts with byte 0x04 decrypts', () => {
  expect(decryptSm2(fixture.ciphertext, fixture.privateKey)).toBe('258036:ch_1');
});

test('the SEC1 form with the 04 marker decrypts too, including when the point itself starts with 0x04', () => {
  expect(decryptSm2(`04${sm2.doEncrypt('258036', publicKey, C1C3C2)}`, privateKey)).toBe('258036');
  expect(decryptSm2(`04${fixture.ciphertext}`, fixture.privateKey)).toBe('258036:ch_1');
});

test('a tampered ciphertext or another key decrypts to nothing', () => {
  const ciphertext = sm2.doEncrypt('258036', publicKey, C1C3C2);
  const tampered = ciphertext.slice(0, -2) + (ciphertext.endsWith('00') ? '01' : '00');
  expect(decryptSm2(tampered, privateKey)).toBe('');
  expect(decryptSm2(ciphertext, sm2.generateKeyPairHex().privateKey)).toBe('');
});
