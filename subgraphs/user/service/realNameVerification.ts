/**
 * Real-name verification of a customer who registered online (kycLevel BASIC, no ID number), in two steps on a
 * customer channel:
 * 1. `readIdCardForCustomer`: both sides of the ID card are read (idCardOcr.ts); a usable reading is stored with
 *    both photos, encrypted and bound to the row, and answered for the customer to confirm (masked number, sex…);
 * 2. `completeVerification`: the selfie is matched against the face on the card's portrait side (faceMatch.ts) and
 *    checked with the public-security register; on success one transaction stores the ID number (encrypted, with
 *    its blind index: one customer per number), makes the customer FULL and the verification VERIFIED.
 * The selfie is never stored (C3 biometric information, SECURITY.md); the face distance is kept on the row for audit
 * and never answered. A verification allows MAX_ATTEMPTS selfies, reserved before the models run, so concurrent
 * requests cannot exceed the cap.
 */
import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '../../../platform/businessDay';
import { bankError, ErrorCode, unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import { blindIndex, decryptField, encryptField, maskIdNumber } from '../../kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../kit/fieldEncryption/columns';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import type { Customer, PrismaClient, RealNameVerification } from '../__generated__/prisma/client';
import { CUSTOMER, REAL_NAME_VERIFICATION } from '../encryptedColumns';
import { customerName } from './customers';
import { analyzeFace, descriptorDistance, FACE_MATCH_THRESHOLD, type FaceAnalysis } from './verification/faceMatch';
import { readIdCard, type IdCardProblem, type IdCardReading } from './verification/idCardOcr';
import { decodePhoto, PhotoFormatError } from './verification/photoDecoding';
import { realNameProviderMissing } from './verification/publicSecurity/choice';
import type { PublicSecurityRegister, RegisterCheckResult } from './verification/publicSecurity/register';
import type { FaceHint } from './verification/faceQuality';
import type { Sex } from './verification/residentIdNumber';

/**
 * Largest photo accepted, decoded: 1.5 MiB (2 MiB as base64). A card or selfie photo the channel downscales to
 * about 1600 px on its long side is 200–600 KB as JPEG; the HTTP body limit of the gateway and the user center
 * (VERIFICATION_BODY_BYTES) fits two such photos with room to spare.
 */
export const MAX_PHOTO_BYTES = 1.5 * 1024 * 1024;
/** HTTP body limit of the gateway and the user center: two photos at MAX_PHOTO_BYTES as base64 (4 MiB) and the rest. */
export const VERIFICATION_BODY_BYTES = 5 * 1024 * 1024;
/** Selfies allowed per verification (then the card is read again, with a new verification). */
export const MAX_ATTEMPTS = 3;
/** A reading not completed by then is refused. */
export const VERIFICATION_TTL_MS = 30 * 60_000;
/** Fields read with less confidence than this are listed for the customer to check especially. */
const UNCERTAIN_BELOW = 0.8;

export interface VerifyingCustomer {
  customerId: string;
  channel: string;
}

/** Only the signed-in customer on a customer channel: nobody verifies for a customer (OPS is FORBIDDEN). */
export function verifyingCustomer(identity: Identity): VerifyingCustomer {
  if (identity.kind !== 'gateway' || !identity.userId) throw unauthenticated();
  if (identity.channel === 'OPS') throw bankError(ErrorCode.Forbidden, '实名认证须由客户本人完成');
  return { customerId: identity.userId, channel: identity.channel };
}

export interface VerificationDeps {
  prisma: PrismaClient;
  register: PublicSecurityRegister;
  now: Date;
}

// ---- photos ----

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:image\/(?:jpeg|jpg|png);base64,/i;

/** The photo's bytes: refused when not base64, larger than MAX_PHOTO_BYTES, or neither a decodable JPEG nor PNG. */
export function photoFromInput(value: string, field: readonly string[]): Buffer {
  const text = value.replace(DATA_URL, '').replace(/\s+/g, '');
  if (text.length > Math.ceil(MAX_PHOTO_BYTES / 3) * 4) {
    throw refusal('照片过大，请压缩后重新上传（不超过 1.5 MB）', field, 'PHOTO_TOO_LARGE', { maxBytes: MAX_PHOTO_BYTES });
  }
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw refusal('照片无法识别，请上传 JPEG 或 PNG 照片', field, 'PHOTO_UNREADABLE');
  }
  const photo = Buffer.from(text, 'base64');
  if (photo.length > MAX_PHOTO_BYTES) {
    throw refusal('照片过大，请压缩后重新上传（不超过 1.5 MB）', field, 'PHOTO_TOO_LARGE', { maxBytes: MAX_PHOTO_BYTES });
  }
  try {
    decodePhoto(photo);
  } catch (error) {
    if (error instanceof PhotoFormatError) throw refusal('照片无法识别，请上传 JPEG 或 PNG 照片', field, 'PHOTO_UNREADABLE');
    throw error;
  }
  return photo;
}

function refusal(message: string, field: readonly string[], reason: string, details: Record<string, unknown> = {}) {
  return bankError(ErrorCode.BadUserInput, message, { field, details: { reason, ...details } });
}

// ---- the customer ----

async function unverifiedCustomer(prisma: PrismaClient, customerId: string): Promise<Customer> {
  const customer = await prisma.customer.findUnique({ where: { id: customerId } });
  if (!customer) throw unauthenticated();
  if (customer.kycLevel !== 'BASIC' || customer.idNumberCipher !== null) throw alreadyVerified();
  return customer;
}

const alreadyVerified = () => bankError(ErrorCode.AlreadyVerified, '您已完成实名认证，无需重复认证');

function requireRegister(register: PublicSecurityRegister): void {
  // Refused before any photo is read: without the register no verification can finish.
  if (register.kind === 'unconfigured') throw realNameProviderMissing();
}

// ---- step 1: the ID card ----

/** What is stored encrypted on the row (reading_cipher) and answered masked. */
interface StoredReading {
  idNumber: string;
  birthDate: string;
  birthDateConfirmedOnCard: boolean;
  sex: Sex;
  validFrom: string;
  validUntil: string | null;
  validUntilInferred: boolean;
  confidence: { idNumber: number; birthDate: number; sex: number; validity: number };
}

export type IdCardField = 'ID_NUMBER' | 'BIRTH_DATE' | 'SEX' | 'VALIDITY';

export interface IdCardReadingAnswer {
  verificationId: string;
  maskedIdNumber: string;
  birthDate: string;
  birthDateConfirmedOnCard: boolean;
  sex: Sex;
  validFrom: string;
  validUntil: string | null;
  validUntilInferred: boolean;
  /** Percent, 0–100. */
  confidence: StoredReading['confidence'];
  uncertainFields: IdCardField[];
  attemptsLeft: number;
  expiresAt: Date;
}

const PROBLEM_REFUSALS: Record<IdCardProblem, { field: 'portraitSide' | 'emblemSide'; message: string }> = {
  PORTRAIT_SIDE_UNREADABLE: { field: 'portraitSide', message: '人像面照片无法识别，请重新拍摄' },
  EMBLEM_SIDE_UNREADABLE: { field: 'emblemSide', message: '国徽面照片无法识别，请重新拍摄' },
  ID_NUMBER_NOT_FOUND: { field: 'portraitSide', message: '未能识别身份证号码，请在光线充足处重新拍摄人像面' },
  ID_NUMBER_FORMAT: { field: 'portraitSide', message: '身份证号码格式不正确，请重新拍摄人像面' },
  ID_NUMBER_CHECK_DIGIT: { field: 'portraitSide', message: '身份证号码校验位不正确，请重新拍摄人像面' },
  ID_NUMBER_BIRTH_DATE: { field: 'portraitSide', message: '身份证号码中的出生日期不正确，请重新拍摄人像面' },
  ID_NUMBER_REGION: { field: 'portraitSide', message: '身份证号码中的地区代码不正确，请重新拍摄人像面' },
  BIRTH_DATE_MISMATCH: { field: 'portraitSide', message: '证件上的出生日期与身份证号码不一致' },
  VALIDITY_UNREADABLE: { field: 'emblemSide', message: '未能识别有效期限，请重新拍摄国徽面' },
  VALIDITY_TERM: { field: 'emblemSide', message: '有效期限不符合规定，请确认证件真实有效' },
  VALIDITY_TERM_FOR_AGE: { field: 'emblemSide', message: '有效期限与持证人年龄不符，请确认证件真实有效' },
  CARD_EXPIRED: { field: 'emblemSide', message: '身份证已过期，请使用有效期内的身份证' },
  CARD_NOT_YET_VALID: { field: 'emblemSide', message: '身份证尚未生效' },
};

/** The refusal of an unusable reading: its first problem decides the message and field; all are listed. */
function readingRefusal(reading: IdCardReading) {
  const first = reading.problems[0] ?? 'ID_NUMBER_NOT_FOUND';
  const { field, message } = PROBLEM_REFUSALS[first];
  return refusal(message, ['input', field], first, { problems: reading.problems.length ? reading.problems : [first] });
}

function storedReading(reading: IdCardReading): StoredReading {
  const { idNumber, birthDate, sex, validity } = reading;
  if (!reading.usable || !idNumber || !birthDate || !sex || !validity) throw readingRefusal(reading);
  return {
    idNumber: idNumber.value,
    birthDate: birthDate.value,
    birthDateConfirmedOnCard: birthDate.confirmedOnCard,
    sex: sex.value,
    validFrom: validity.value.validFrom,
    validUntil: validity.value.validUntil,
    validUntilInferred: validity.endInferred,
    confidence: { idNumber: idNumber.confidence, birthDate: birthDate.confidence, sex: sex.confidence, validity: validity.confidence },
  };
}

const percent = (confidence: number) => Math.round(confidence * 100);

function answerOf(row: RealNameVerification, reading: StoredReading): IdCardReadingAnswer {
  const fields: [IdCardField, number][] = [
    ['ID_NUMBER', reading.confidence.idNumber],
    ['BIRTH_DATE', reading.confidence.birthDate],
    ['SEX', reading.confidence.sex],
    ['VALIDITY', reading.confidence.validity],
  ];
  return {
    verificationId: row.id,
    maskedIdNumber: maskIdNumber(reading.idNumber),
    birthDate: reading.birthDate,
    birthDateConfirmedOnCard: reading.birthDateConfirmedOnCard,
    sex: reading.sex,
    validFrom: reading.validFrom,
    validUntil: reading.validUntil,
    validUntilInferred: reading.validUntilInferred,
    confidence: {
      idNumber: percent(reading.confidence.idNumber),
      birthDate: percent(reading.confidence.birthDate),
      sex: percent(reading.confidence.sex),
      validity: percent(reading.confidence.validity),
    },
    uncertainFields: fields.filter(([, confidence]) => confidence < UNCERTAIN_BELOW).map(([field]) => field),
    attemptsLeft: MAX_ATTEMPTS - row.attempts,
    expiresAt: row.expiresAt,
  };
}

export async function readIdCardForCustomer(
  deps: VerificationDeps,
  customer: VerifyingCustomer,
  input: { portraitSide: string; emblemSide: string },
): Promise<IdCardReadingAnswer> {
  const { prisma, now } = deps;
  requireRegister(deps.register);
  await unverifiedCustomer(prisma, customer.customerId);
  const portraitSide = photoFromInput(input.portraitSide, ['input', 'portraitSide']);
  const emblemSide = photoFromInput(input.emblemSide, ['input', 'emblemSide']);

  const reading = storedReading(await readIdCard({ portraitSide, emblemSide }, shanghaiDay(now)));
  const id = randomUUID();
  const row = await prisma.realNameVerification.create({
    data: {
      id,
      customerId: customer.customerId,
      channel: customer.channel,
      status: 'READ',
      readingCipher: encryptField(JSON.stringify(reading), fieldBinding(REAL_NAME_VERIFICATION, 'reading_cipher', id)),
      portraitCipher: encryptField(portraitSide.toString('base64'), fieldBinding(REAL_NAME_VERIFICATION, 'portrait_cipher', id)),
      emblemCipher: encryptField(emblemSide.toString('base64'), fieldBinding(REAL_NAME_VERIFICATION, 'emblem_cipher', id)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS),
    },
  });
  return answerOf(row, reading);
}

// ---- step 2: the selfie ----

export type VerificationOutcome = 'VERIFIED' | 'FACE_MISMATCH' | 'REGISTER_MISMATCH';
export type VerificationFailure = 'NO_FACE' | 'MULTIPLE_FACES' | 'FACE_TOO_SMALL' | 'FACES_DIFFER' | Exclude<RegisterCheckResult, 'MATCH'>;

export interface VerificationResult {
  status: VerificationOutcome;
  reason: VerificationFailure | null;
  attemptsLeft: number;
  /** Capture hints of the selfie (e.g. EYES_CLOSED), for the next try. */
  hints: FaceHint[];
  user: Customer;
}

const OPEN: RealNameVerification['status'][] = ['READ', 'FACE_MISMATCH', 'REGISTER_MISMATCH'];
const VERIFICATION_ID = ['input', 'verificationId'];

/** The customer's own open verification, or the refusal that says why it cannot go on. */
async function openVerification(
  prisma: PrismaClient,
  customerId: string,
  verificationId: string,
  now: Date,
): Promise<RealNameVerification> {
  const row = await prisma.realNameVerification.findUnique({ where: { id: verificationId } });
  if (!row || row.customerId !== customerId) {
    throw bankError(ErrorCode.NotFound, '认证记录不存在，请重新识别身份证', { field: VERIFICATION_ID });
  }
  if (row.status === 'VERIFIED') throw alreadyVerified();
  if (row.status === 'FAILED' || row.attempts >= MAX_ATTEMPTS) {
    throw bankError(ErrorCode.TooManyAttempts, '人脸核验次数已用完，请重新识别身份证', {
      field: VERIFICATION_ID,
      details: { reason: row.failureReason ?? 'ATTEMPTS_EXHAUSTED' },
    });
  }
  if (row.expiresAt.getTime() <= now.getTime() || row.portraitCipher === null || row.readingCipher === null) {
    throw refusal('认证已过期，请重新识别身份证', VERIFICATION_ID, 'VERIFICATION_EXPIRED');
  }
  return row;
}

/** Reserves one attempt (at most MAX_ATTEMPTS, whatever runs concurrently); false when none is left. */
async function reserveAttempt(prisma: PrismaClient, row: RealNameVerification): Promise<number | null> {
  const reserved = await prisma.realNameVerification.updateManyAndReturn({
    where: { id: row.id, status: { in: OPEN }, attempts: { lt: MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  return reserved[0]?.attempts ?? null;
}

function faceFailure(selfie: FaceAnalysis): VerificationFailure | null {
  const problem = selfie.problems[0];
  if (problem === 'NO_FACE' || problem === 'PHOTO_UNREADABLE') return 'NO_FACE';
  if (problem === 'MULTIPLE_FACES') return 'MULTIPLE_FACES';
  if (problem === 'FACE_TOO_SMALL') return 'FACE_TOO_SMALL';
  return null;
}

export async function completeVerification(
  deps: VerificationDeps,
  customer: VerifyingCustomer,
  input: { verificationId: string; selfie: string; sex: Sex },
): Promise<VerificationResult> {
  const { prisma, now, register } = deps;
  requireRegister(register);
  const holder = await unverifiedCustomer(prisma, customer.customerId);
  const row = await openVerification(prisma, customer.customerId, input.verificationId, now);
  const reading = JSON.parse(
    decryptField(row.readingCipher!, fieldBinding(REAL_NAME_VERIFICATION, 'reading_cipher', row.id)),
  ) as StoredReading;
  if (input.sex !== reading.sex) {
    throw refusal('所选性别与身份证号码不符，请核对后重新识别身份证', ['input', 'sex'], 'SEX_MISMATCH');
  }
  const selfie = photoFromInput(input.selfie, ['input', 'selfie']);
  const portraitSide = Buffer.from(
    decryptField(row.portraitCipher!, fieldBinding(REAL_NAME_VERIFICATION, 'portrait_cipher', row.id)),
    'base64',
  );

  // The face on the card first: a card whose photo shows no single face cannot verify anyone, and costs no attempt.
  const cardFace = await analyzeFace(portraitSide);
  if (!cardFace.descriptor) {
    await prisma.realNameVerification.update({ where: { id: row.id }, data: { status: 'FAILED', failureReason: 'CARD_FACE_UNUSABLE' } });
    throw refusal('未能识别身份证上的人像，请重新拍摄人像面', VERIFICATION_ID, 'CARD_FACE_UNUSABLE');
  }

  const attempts = await reserveAttempt(prisma, row);
  if (attempts === null) {
    throw bankError(ErrorCode.TooManyAttempts, '人脸核验次数已用完，请重新识别身份证', {
      field: VERIFICATION_ID,
      details: { reason: 'ATTEMPTS_EXHAUSTED' },
    });
  }
  const attemptsLeft = MAX_ATTEMPTS - attempts;
  const failed = async (status: 'FACE_MISMATCH' | 'REGISTER_MISMATCH', reason: VerificationFailure, audit: object, hints: FaceHint[]) => {
    await prisma.realNameVerification.update({
      where: { id: row.id },
      data: { status: attemptsLeft === 0 ? 'FAILED' : status, failureReason: reason, ...audit },
    });
    return { status, reason, attemptsLeft, hints, user: holder };
  };

  const selfieFace = await analyzeFace(selfie);
  const hints = selfieFace.hints;
  const noFace = faceFailure(selfieFace);
  if (noFace || !selfieFace.descriptor) return failed('FACE_MISMATCH', noFace ?? 'NO_FACE', { faceDistance: null }, hints);
  const faceDistance = descriptorDistance(selfieFace.descriptor, cardFace.descriptor);
  if (faceDistance > FACE_MATCH_THRESHOLD) return failed('FACE_MISMATCH', 'FACES_DIFFER', { faceDistance }, hints);

  const registerResult = await register.checkIdentity({ name: customerName(holder), idNumber: reading.idNumber, selfie });
  if (registerResult !== 'MATCH') return failed('REGISTER_MISMATCH', registerResult, { faceDistance, registerResult }, hints);

  const verified = await storeVerifiedIdentity(prisma, row, holder, reading.idNumber, { faceDistance, registerResult }, now);
  return { status: 'VERIFIED', reason: null, attemptsLeft, hints, user: verified };
}

/**
 * One transaction: the customer's ID number (encrypted, with its blind index), kycLevel FULL, the verification
 * VERIFIED. Another customer holding the number (the unique blind index decides a race) ends the verification
 * FAILED with ID_NUMBER_TAKEN; a customer verified meanwhile is ALREADY_VERIFIED.
 */
async function storeVerifiedIdentity(
  prisma: PrismaClient,
  row: RealNameVerification,
  holder: Customer,
  idNumber: string,
  audit: { faceDistance: number; registerResult: string },
  now: Date,
): Promise<Customer> {
  try {
    return await prisma.$transaction(async (tx) => {
      const updated = await tx.customer.updateManyAndReturn({
        where: { id: holder.id, kycLevel: 'BASIC', idNumberCipher: null },
        data: {
          idNumberCipher: encryptField(idNumber, fieldBinding(CUSTOMER, 'id_number_cipher', holder.id)),
          idNumberIndex: blindIndex(indexBinding(CUSTOMER, 'id_number_index'), idNumber),
          kycLevel: 'FULL',
        },
      });
      if (updated.length === 0) throw alreadyVerified();
      await tx.realNameVerification.update({
        where: { id: row.id },
        data: { status: 'VERIFIED', failureReason: null, completedAt: now, ...audit },
      });
      return updated[0]!;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await prisma.realNameVerification.update({
      where: { id: row.id },
      data: { status: 'FAILED', failureReason: 'ID_NUMBER_TAKEN', ...audit },
    });
    throw bankError(ErrorCode.IdNumberTaken, '该身份证号码已被其他账户认证，请联系客服或前往网点办理', {
      field: VERIFICATION_ID,
      details: { reason: 'ID_NUMBER_TAKEN' },
    });
  }
}
