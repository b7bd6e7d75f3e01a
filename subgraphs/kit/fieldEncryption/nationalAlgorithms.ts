/**
 * The national algorithms field encryption offers: SM4 in CTR mode (GB/T 32907) and HMAC over SM3
 * (GB/T 32905). Node's OpenSSL provides both (`sm4-ctr`, `sm3`) in the builds we run on; where a
 * build lacks them, sm-crypto's SM4 block function and SM3 HMAC do the same computation, so a value
 * written by one process reads in any other. There is no SM4-GCM in Node 20's OpenSSL: the caller
 * authenticates with an SM3 HMAC (encrypt-then-MAC).
 */
import { createCipheriv, createHmac, getCiphers, getHashes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto';

const nativeSm4Ctr = getCiphers().includes('sm4-ctr');
const nativeSm3 = getHashes().includes('sm3');

/** SM4-CTR with a 128-bit key and a 128-bit initial counter; the same call encrypts and decrypts. */
export function sm4Ctr(key: Buffer, iv: Buffer, data: Buffer, native = nativeSm4Ctr): Buffer {
  if (key.length !== 16 || iv.length !== 16) throw new Error('SM4-CTR needs a 16-byte key and a 16-byte IV');
  if (native) {
    const cipher = createCipheriv('sm4-ctr', key, iv);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  }
  const out = Buffer.alloc(data.length);
  const counter = Buffer.from(iv);
  for (let offset = 0; offset < data.length; offset += 16) {
    // Without `mode: 'cbc'` sm-crypto runs the bare block function (ECB) over the counter block.
    const block = sm4.encrypt([...counter], [...key], { padding: 'none', output: 'array' });
    for (let i = 0; i < 16 && offset + i < data.length; i++) out[offset + i] = data[offset + i]! ^ block[i]!;
    incrementCounter(counter);
  }
  return out;
}

/** The whole 128-bit block is the counter (big-endian, wrapping), as OpenSSL's CTR mode counts. */
function incrementCounter(counter: Buffer): void {
  for (let i = counter.length - 1; i >= 0; i--) {
    counter[i] = (counter[i]! + 1) & 0xff;
    if (counter[i] !== 0) return;
  }
}

/** HMAC-SM3 (32 bytes). */
export function hmacSm3(key: Buffer, data: Buffer, native = nativeSm3): Buffer {
  if (native) return createHmac('sm3', key).update(data).digest();
  return Buffer.from(sm3([...data], { key: [...key], mode: 'hmac' }), 'hex');
}
