/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature ("签名方法 v3"), for a JSON POST:
 *
 *   CanonicalRequest = POST \n / \n (empty query) \n CanonicalHeaders \n SignedHeaders \n sha256hex(body)
 *   StringToSign     = TC3-HMAC-SHA256 \n timestamp \n <UTC date>/<service>/tc3_request \n sha256hex(CanonicalRequest)
 *   SecretSigning    = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
 *   Signature        = hex(HMAC(SecretSigning, StringToSign))
 *
 * Header names are lower-cased, values trimmed and lower-cased (the action too: `x-tc-action:sendsms`),
 * sorted by name. The signer and the local stand-in (which verifies) both use this one module, so
 * the worked example in its test pins both ends.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Request {
  /** Lower-case header name → value, exactly as sent; every one of them is signed. */
  signedHeaders: Record<string, string>;
  body: string;
  /** Unix seconds, the `X-TC-Timestamp` header. */
  timestamp: number;
  /** The product's service name, the first label of its host (`sms`, `cvm`). */
  service: string;
}

export interface Tc3Signature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** `Credential=<id>/<scope>, SignedHeaders=…, Signature=…` prefixed with the algorithm. */
  authorization: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The credential date: the UTC calendar date of the timestamp (not the local one). */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function canonicalRequest(request: Pick<Tc3Request, 'signedHeaders' | 'body'>): { text: string; signedHeaderNames: string } {
  const names = Object.keys(request.signedHeaders)
    .map((name) => name.toLowerCase())
    .sort();
  const lookup = Object.fromEntries(Object.entries(request.signedHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  const canonicalHeaders = names.map((name) => `${name}:${lookup[name]!.trim().toLowerCase()}\n`).join('');
  const signedHeaderNames = names.join(';');
  return { text: ['POST', '/', '', canonicalHeaders, signedHeaderNames, sha256Hex(request.body)].join('\n'), signedHeaderNames };
}

export function signTc3(request: Tc3Request, credentials: { secretId: string; secretKey: string }): Tc3Signature {
  const date = tc3Date(request.timestamp);
  const scope = `${date}/${request.service}/tc3_request`;
  const canonical = canonicalRequest(request);
  const stringToSign = [TC3_ALGORITHM, String(request.timestamp), scope, sha256Hex(canonical.text)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    canonicalRequest: canonical.text,
    stringToSign,
    signature,
    authorization: `${TC3_ALGORITHM} Credential=${credentials.secretId}/${scope}, SignedHeaders=${canonical.signedHeaderNames}, Signature=${signature}`,
  };
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaderNames: string[];
  signature: string;
}

/** Reads an `Authorization` header written by `signTc3`; undefined when it is not one. */
export function parseTc3Authorization(header: string | undefined): ParsedAuthorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header ?? '',
    );
  if (!match) return undefined;
  const [, secretId, date, service, names, signature] = match;
  return { secretId: secretId!, date: date!, service: service!, signedHeaderNames: names!.split(';'), signature: signature! };
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
