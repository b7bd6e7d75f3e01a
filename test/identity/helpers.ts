/** Shared steps of the identity tests: sign-in documents, reading the development SMS outbox, SM2 PIN encryption. */
import { sm2 } from 'sm-crypto';
import type { TestPlatform } from '../support/platform';

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken sessionId refreshToken refreshExpiresAt userId }
}`;
export const VERIFY_NEW_DEVICE = `mutation VerifyNewDevice($pendingLoginId: ID!, $code: String!) {
  verifyNewDevice(pendingLoginId: $pendingLoginId, code: $code) { accessToken sessionId refreshToken }
}`;
export const REFRESH = `mutation RefreshSession($refreshToken: String) {
  refreshSession(refreshToken: $refreshToken) { accessToken sessionId refreshToken }
}`;
export const OUTBOX = 'query Outbox($mobile: String!) { developmentSmsOutbox(mobile: $mobile) { text sentAt } }';

export interface LoginData {
  login: { accessToken: string; sessionId: string; refreshToken: string | null; userId: string };
}

export const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

/** The newest code the development SMS provider "sent" to a mobile. */
export async function latestSmsCode(platform: TestPlatform, mobile: string): Promise<string> {
  const { body } = await platform.query<{ developmentSmsOutbox: { text: string }[] }>(OUTBOX, { variables: { mobile } });
  const text = body.data?.developmentSmsOutbox[0]?.text;
  const code = text && /验证码 ?(\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no SMS code for ${mobile}: ${JSON.stringify(body)}`);
  return code;
}

/** What a client does with the transaction PIN: SM2-encrypt it (C1C3C2) with the bank's public key. */
export async function encryptPin(platform: TestPlatform, plaintext: string): Promise<string> {
  const { status, body } = await platform.query<{ pinEncryptionKey: string }>('{ pinEncryptionKey }');
  if (!body.data) throw new Error(`no PIN encryption key: HTTP ${status} ${JSON.stringify(body.errors)}`);
  return sm2.doEncrypt(plaintext, body.data.pinEncryptionKey, 1);
}

/** Signs in on a device the customer has never used: password, then the SMS code. */
export async function loginOnNewDevice(platform: TestPlatform, mobile: string, deviceId: string, channel = 'MOBILE_APP') {
  const first = await platform.query<LoginData>(LOGIN, {
    channel,
    variables: { input: { mobile, password: 'Demo@2026', device: { deviceId, platform: 'IOS', appVersion: '6.1.0' } } },
  });
  const pendingLoginId = first.body.errors?.[0]?.extensions?.pendingLoginId as string | undefined;
  if (codeOf(first.body) !== 'DEVICE_VERIFICATION_REQUIRED' || !pendingLoginId) throw new Error(JSON.stringify(first.body));
  const code = await latestSmsCode(platform, mobile);
  const { body } = await platform.query<{ verifyNewDevice: LoginData['login'] }>(VERIFY_NEW_DEVICE, {
    channel,
    variables: { pendingLoginId, code },
  });
  if (!body.data?.verifyNewDevice) throw new Error(JSON.stringify(body));
  return body.data.verifyNewDevice;
}
