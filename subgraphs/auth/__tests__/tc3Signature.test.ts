/**
 * TC3-HMAC-SHA256 against Tencent's published worked example (Tencent Cloud API 3.0, "签名方法 v3" /
 * "Signature v3": the CVM DescribeInstances request in ap-guangzhou at timestamp 1551113065). Every
 * expected value below is copied from the documentation, none from this code.
 *
 * The current revision of the page signs `content-type;host;x-tc-action` and prints the secret id as
 * `AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******` with the secret key masked too, so its final signature cannot be
 * recomputed by anyone; from it we check the canonical request, its hash and the string to sign. An
 * earlier revision of the same page (English edition) printed the whole example key,
 * `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`, signed `content-type;host`, and published the hash, the string
 * to sign and the signature: that one checks the key derivation and the signature end to end.
 */
import { createHash } from 'node:crypto';
import { canonicalRequest, parseTc3Authorization, sameSignature, signTc3, tc3Date } from '../service/sms/tencent/tc3Signature';

// The body exactly as the documentation sends it: the Chinese name 未命名 as \u escapes, spaces after separators.
const BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const TIMESTAMP = 1551113065;
const CONTENT_TYPE = 'application/json; charset=utf-8';

test('the published payload hash and credential date', () => {
  expect(createHash('sha256').update(BODY).digest('hex')).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
  // 2019-02-26 00:44:25 in UTC+8 is still the 25th in UTC: the date is the UTC one.
  expect(tc3Date(TIMESTAMP)).toBe('2019-02-25');
});

test('current revision: canonical request, its hash and the string to sign (content-type;host;x-tc-action)', () => {
  const signed = signTc3(
    {
      signedHeaders: { 'content-type': CONTENT_TYPE, host: 'cvm.tencentcloudapi.com', 'x-tc-action': 'DescribeInstances' },
      body: BODY,
      timestamp: TIMESTAMP,
      service: 'cvm',
    },
    // The documentation masks the key; any key gives the same canonical request and string to sign.
    { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******', secretKey: 'masked-in-the-documentation' },
  );
  expect(signed.canonicalRequest).toBe(
    [
      'POST',
      '/',
      '',
      'content-type:application/json; charset=utf-8',
      'host:cvm.tencentcloudapi.com',
      'x-tc-action:describeinstances',
      '',
      'content-type;host;x-tc-action',
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    ].join('\n'),
  );
  expect(createHash('sha256').update(signed.canonicalRequest).digest('hex')).toBe(
    '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
  );
  expect(signed.stringToSign).toBe(
    [
      'TC3-HMAC-SHA256',
      '1551113065',
      '2019-02-25/cvm/tc3_request',
      '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    ].join('\n'),
  );
  expect(signed.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3\*{7}\/2019-02-25\/cvm\/tc3_request, /);
  expect(signed.authorization).toMatch(/, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/);
});

test('earlier revision with the whole example key: hash, string to sign and signature (content-type;host)', () => {
  const signed = signTc3(
    { signedHeaders: { 'content-type': CONTENT_TYPE, host: 'cvm.tencentcloudapi.com' }, body: BODY, timestamp: TIMESTAMP, service: 'cvm' },
    { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' },
  );
  expect(createHash('sha256').update(signed.canonicalRequest).digest('hex')).toBe(
    '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  );
  expect(signed.stringToSign).toBe(
    [
      'TC3-HMAC-SHA256',
      '1551113065',
      '2019-02-25/cvm/tc3_request',
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    ].join('\n'),
  );
  expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  expect(signed.authorization).toBe(
    'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ' +
      'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  );
});

test('header names are sorted and lower-cased whatever order and case they come in', () => {
  const a = canonicalRequest({ signedHeaders: { Host: 'sms.tencentcloudapi.com', 'Content-Type': CONTENT_TYPE }, body: '{}' });
  const b = canonicalRequest({ signedHeaders: { 'content-type': CONTENT_TYPE, host: 'sms.tencentcloudapi.com' }, body: '{}' });
  expect(a).toEqual(b);
  expect(a.signedHeaderNames).toBe('content-type;host');
});

test('an Authorization header parses back, and signatures compare in constant time', () => {
  const signed = signTc3(
    {
      signedHeaders: { 'content-type': CONTENT_TYPE, host: 'sms.tencentcloudapi.com', 'x-tc-action': 'SendSms' },
      body: '{}',
      timestamp: TIMESTAMP,
      service: 'sms',
    },
    { secretId: 'AKIDtest', secretKey: 'key' },
  );
  const parsed = parseTc3Authorization(signed.authorization)!;
  expect(parsed).toEqual({
    secretId: 'AKIDtest',
    date: '2019-02-25',
    service: 'sms',
    signedHeaderNames: ['content-type', 'host', 'x-tc-action'],
    signature: signed.signature,
  });
  expect(sameSignature(signed.signature, parsed.signature)).toBe(true);
  expect(sameSignature(signed.signature, '0'.repeat(64))).toBe(false);
  expect(parseTc3Authorization('Bearer abc')).toBeUndefined();
});
