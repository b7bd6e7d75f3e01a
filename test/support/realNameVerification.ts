/**
 * Real-name verification through the gateway: a fresh customer registered online (kycLevel BASIC, no ID number:
 * startRegistration, the SMS code from the development outbox, completeRegistration on MOBILE_APP), and the channels'
 * trusted documents ReadIdCard and CompleteRealNameVerification.
 *
 *   const customer = await registerBasicCustomer(platform);
 *   const reading = await readIdCard(platform, customer.token, { portraitSide, emblemSide });
 *
 * Needs the auth and user centers and the gateway, with the SMS outbox (the harness default).
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { GraphQLResponse, TestPlatform } from './platform';

export interface BasicCustomer {
  userId: string;
  mobile: string;
  name: string;
  /** A MOBILE_APP access token of the registering device. */
  token: string;
}

let sequence = 0;

export async function registerBasicCustomer(platform: TestPlatform, name = '钱实名'): Promise<BasicCustomer> {
  sequence += 1;
  const mobile = `1360${String((process.pid % 900) * 100 + sequence).padStart(7, '0')}`;
  const started = await platform.query<{ startRegistration: { registrationId: string } }>(
    'mutation StartRegistration($input: StartRegistrationInput!) { startRegistration(input: $input) { registrationId } }',
    { variables: { input: { mobile, device: { deviceId: `rn-device-${mobile}`, platform: 'IOS', appVersion: '6.2.0' } } } },
  );
  const registrationId = started.body.data?.startRegistration.registrationId;
  if (!registrationId) throw new Error(`registration refused: ${JSON.stringify(started.body)}`);
  const outbox = await platform.query<{ developmentSmsOutbox: { text: string }[] }>(
    'query Outbox($mobile: String!) { developmentSmsOutbox(mobile: $mobile) { text } }',
    { variables: { mobile } },
  );
  const code = /验证码 ?(\d{6})/.exec(outbox.body.data?.developmentSmsOutbox[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no registration code for ${mobile}`);
  const completed = await platform.query<{ completeRegistration: { accessToken: string; userId: string } }>(
    'mutation CompleteRegistration($input: CompleteRegistrationInput!) { completeRegistration(input: $input) { accessToken userId } }',
    { variables: { input: { registrationId, code, name, password: 'Welcome2026' } } },
  );
  const session = completed.body.data?.completeRegistration;
  if (!session) throw new Error(`registration not completed: ${JSON.stringify(completed.body)}`);
  return { userId: session.userId, mobile, name, token: session.accessToken };
}

export interface IdCardReadingData {
  readIdCard: {
    verificationId: string;
    maskedIdNumber: string;
    birthDate: string;
    birthDateConfirmedOnCard: boolean;
    sex: 'MALE' | 'FEMALE';
    validFrom: string;
    validUntil: string | null;
    validUntilInferred: boolean;
    confidence: { idNumber: number; birthDate: number; sex: number; validity: number };
    uncertainFields: string[];
    attemptsLeft: number;
    expiresAt: string;
  };
}

export interface VerificationResultData {
  completeRealNameVerification: {
    status: 'VERIFIED' | 'FACE_MISMATCH' | 'REGISTER_MISMATCH';
    reason: string | null;
    attemptsLeft: number;
    hints: string[];
    user: { id: string; kycLevel: string; maskedIdNumber: string };
  };
}

const base64 = (photo: Buffer | string) => (typeof photo === 'string' ? photo : photo.toString('base64'));

/** The channel's ReadIdCard operation (MOBILE_APP unless told). */
export function readIdCard(
  platform: TestPlatform,
  token: string,
  photos: { portraitSide: Buffer | string; emblemSide: Buffer | string },
  channel: 'WEB' | 'MOBILE_APP' | 'WECHAT_BANKING' | 'WECHAT_MINI' | 'ALIPAY_MINI' = 'MOBILE_APP',
): Promise<GraphQLResponse<IdCardReadingData>> {
  return platform.query<IdCardReadingData>(readOperationDocument(channel, 'ReadIdCard'), {
    token,
    channel,
    variables: { input: { portraitSide: base64(photos.portraitSide), emblemSide: base64(photos.emblemSide) } },
  });
}

/** The channel's CompleteRealNameVerification operation (MOBILE_APP unless told). */
export function completeRealNameVerification(
  platform: TestPlatform,
  token: string,
  input: { verificationId: string; selfie: Buffer | string; sex: 'MALE' | 'FEMALE' },
  channel: 'WEB' | 'MOBILE_APP' | 'WECHAT_BANKING' | 'WECHAT_MINI' | 'ALIPAY_MINI' = 'MOBILE_APP',
): Promise<GraphQLResponse<VerificationResultData>> {
  return platform.query<VerificationResultData>(readOperationDocument(channel, 'CompleteRealNameVerification'), {
    token,
    channel,
    variables: { input: { ...input, selfie: base64(input.selfie) } },
  });
}
