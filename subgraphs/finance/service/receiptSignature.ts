/**
 * A receipt's signature: a JWS with detached payload (RFC 7515 appendix F), `<header>..<signature>`,
 * ES256 over the receipt's canonical bytes (receiptCanonical.ts); the header names the receipt
 * key (`kid`). Unlike a plain digest, nobody without the bank's private key can make one that
 * verifies, so a receipt whose amount or payee was edited is told apart from a genuine one.
 */
import { decodeProtectedHeader, FlattenedSign, flattenedVerify } from 'jose';
import { canonicalReceipt, ReceiptFields } from './receiptCanonical';
import { RECEIPT_KEY_ALGORITHM, ReceiptKeys } from './receiptKeys';

export type ReceiptVerdict = 'VALID' | 'INVALID' | 'UNKNOWN_KEY';

const TYPE = 'bank-receipt+jws';
const DETACHED = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export async function signReceipt(keys: ReceiptKeys, fields: ReceiptFields): Promise<{ signature: string; keyId: string }> {
  const { kid, privateKey } = await keys.signingKey();
  const jws = await new FlattenedSign(new TextEncoder().encode(canonicalReceipt(fields)))
    .setProtectedHeader({ alg: RECEIPT_KEY_ALGORITHM, kid, typ: TYPE })
    .sign(privateKey);
  return { signature: `${jws.protected}..${jws.signature}`, keyId: kid };
}

export async function verifyReceiptSignature(keys: ReceiptKeys, fields: ReceiptFields, signature: string): Promise<ReceiptVerdict> {
  const parts = DETACHED.exec(signature.trim());
  if (!parts) return 'INVALID';
  const [, protectedHeader, signaturePart] = parts as unknown as [string, string, string];
  let kid: unknown;
  let alg: unknown;
  try {
    ({ kid, alg } = decodeProtectedHeader(`${protectedHeader}..${signaturePart}`));
  } catch {
    return 'INVALID';
  }
  if (typeof kid !== 'string' || kid.length > 100) return 'INVALID';
  if (alg !== RECEIPT_KEY_ALGORITHM) return 'INVALID';
  const publicKey = await keys.publicKey(kid);
  if (!publicKey) return 'UNKNOWN_KEY';
  try {
    await flattenedVerify(
      { protected: protectedHeader, payload: base64url(canonicalReceipt(fields)), signature: signaturePart },
      publicKey,
      { algorithms: [RECEIPT_KEY_ALGORITHM] },
    );
    return 'VALID';
  } catch {
    return 'INVALID';
  }
}
