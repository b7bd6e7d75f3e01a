/**
 * Reads a resident ID card from two photos — the portrait side (the 18-digit number and the birth
 * date) and the emblem side (the validity period) — for the real-name verification flow. The name is
 * typed by the customer: no Chinese traineddata ships in a package. The number decides: its check
 * character is verified, the birth date on the card is checked against it, and the sex comes from its
 * 17th digit (shown for the customer to confirm). A bad photo is an answer, never an exception: the
 * reading lists its problems and says whether it is usable.
 */
import { findBirthDate, findIdNumber, findValidity, type Found } from './idCardFields';
import { recognizeLines, type OcrLine } from './ocrEngine';
import { prepareForOcr } from './ocrPreparation';
import { decodePhoto, PhotoFormatError } from './photoDecoding';
import { parseResidentIdNumber, type IdNumberProblem, type Sex } from './residentIdNumber';
import { checkValidity, type ValidityPeriod, type ValidityProblem } from './validityPeriod';

export interface IdCardPhotos {
  portraitSide: Buffer;
  emblemSide: Buffer;
}

export type IdCardProblem =
  | 'PORTRAIT_SIDE_UNREADABLE'
  | 'EMBLEM_SIDE_UNREADABLE'
  | 'ID_NUMBER_NOT_FOUND'
  | IdNumberProblem
  /** The card shows a birth year other than the number's. */
  | 'BIRTH_DATE_MISMATCH'
  | ValidityProblem;

export interface IdCardReading {
  idNumber: Found<string> | null;
  /** From the number; `confirmedOnCard` when the printed birth date was read and agrees. */
  birthDate: (Found<string> & { confirmedOnCard: boolean }) | null;
  /** From the number's 17th digit. */
  sex: Found<Sex> | null;
  /** `endInferred`: the end was unreadable and follows from the holder's age (long-term). */
  validity: (Found<ValidityPeriod> & { endInferred: boolean }) | null;
  problems: IdCardProblem[];
  /** A valid number and period were read and nothing contradicts them. */
  usable: boolean;
}

async function linesOf(photo: Buffer): Promise<OcrLine[] | undefined> {
  let prepared: Buffer;
  try {
    prepared = prepareForOcr(decodePhoto(photo));
  } catch (error) {
    if (error instanceof PhotoFormatError) return undefined;
    throw error;
  }
  return recognizeLines(prepared);
}

/** Reads both sides; `today` (YYYY-MM-DD, the bank's day) bounds the birth date and the validity. */
export async function readIdCard(photos: IdCardPhotos, today: string): Promise<IdCardReading> {
  const problems: IdCardProblem[] = [];
  const portrait = await linesOf(photos.portraitSide);
  const emblem = await linesOf(photos.emblemSide);
  if (!portrait) problems.push('PORTRAIT_SIDE_UNREADABLE');
  if (!emblem) problems.push('EMBLEM_SIDE_UNREADABLE');

  let idNumber: IdCardReading['idNumber'] = null;
  let birthDate: IdCardReading['birthDate'] = null;
  let sex: IdCardReading['sex'] = null;
  const found = portrait && findIdNumber(portrait);
  if (portrait && !found) problems.push('ID_NUMBER_NOT_FOUND');
  if (found) {
    idNumber = found;
    const parsed = parseResidentIdNumber(found.value, today);
    if (!parsed.ok) problems.push(parsed.problem);
    else {
      sex = { value: parsed.idNumber.sex, confidence: found.confidence };
      const onCard = findBirthDate(portrait, parsed.idNumber.birthDate);
      if (onCard.kind === 'DIFFERENT_YEAR') problems.push('BIRTH_DATE_MISMATCH');
      birthDate = {
        value: parsed.idNumber.birthDate,
        // Two readings that agree are surer than either; the number alone is as sure as its digits.
        confidence: onCard.kind === 'CONFIRMED' ? 1 - (1 - found.confidence) * (1 - onCard.confidence) : found.confidence,
        confirmedOnCard: onCard.kind === 'CONFIRMED',
      };
    }
  }

  let validity: IdCardReading['validity'] = null;
  if (emblem) {
    const period = findValidity(emblem);
    const checked = checkValidity(period?.value, birthDate?.value, today);
    problems.push(...checked.problems);
    if (period && checked.period) validity = { value: checked.period, confidence: period.confidence, endInferred: checked.endInferred };
  }

  const usable = idNumber !== null && birthDate !== null && validity !== null && problems.length === 0;
  return { idNumber, birthDate, sex, validity, problems, usable };
}
