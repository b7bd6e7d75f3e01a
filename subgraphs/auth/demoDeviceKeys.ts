/**
 * Each demo customer's demo phone holds a biometric device key, so scripted MOBILE_APP sign-ins
 * (the test harness, the bench, a developer's curl) prove the device the way the app does: a
 * signature over a `startDeviceKeyLogin` nonce. The key pair is derived from the customer id —
 * demo data, as public as the demo password, seeded only with the demo customers.
 */
import { createECDH, createHash, createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';

export interface DemoDeviceKey {
  id: string;
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo (DER), base64, as `registerDeviceKey` takes it. */
  publicKey: string;
}

export function demoDeviceKey(customerId: string): DemoDeviceKey {
  const d = createHash('sha256').update(`demo-device-key:${customerId}`).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const privateKey = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  return {
    id: `d0a80001-0000-4000-8000-${customerId.slice(-12)}`,
    privateKey,
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** What the app does with a nonce: ECDSA P-256 / SHA-256 over its UTF-8 bytes, DER, base64. */
export function signDeviceNonce(privateKey: KeyObject, nonce: string): string {
  return sign('sha256', Buffer.from(nonce, 'utf8'), privateKey).toString('base64');
}
