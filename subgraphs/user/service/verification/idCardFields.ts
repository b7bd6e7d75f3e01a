/**
 * Finding the fields of a resident ID card in OCR lines. The English model reads the digits well and
 * the Chinese labels as noise, so each field is found by its shape — 18 digits (the last may be X), a
 * date period — rather than by the label beside it, and checked against what the number itself says.
 */
import type { OcrLine, OcrWord } from './ocrEngine';
import { checkCharacterOf } from './residentIdNumber';
import { parseValidityText, type ValidityText } from './validityPeriod';

export interface Found<T> {
  value: T;
  /** 0–1, from the OCR's word confidences. */
  confidence: number;
}

// Letters the OCR gives for digits in a word that is mostly digits.
const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  i: '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  x: 'X',
};

/** The word as digits (and X), when it is mostly digits; undefined otherwise. */
export function digitsOf(word: string): string | undefined {
  const trimmed = word.replace(/^[^0-9A-Za-z|]+|[^0-9A-Za-z|]+$/g, '');
  if (!trimmed) return undefined;
  const digitCount = trimmed.replace(/\D/g, '').length;
  if (digitCount / trimmed.length < 0.6) return undefined;
  const mapped = [...trimmed].map((character) => DIGIT_LOOKALIKES[character] ?? character).join('');
  return /^[0-9X]+$/.test(mapped) ? mapped : undefined;
}

/** Runs of neighbouring digit words joined (the OCR splits a long number at random gaps). */
function digitRuns(words: OcrWord[]): Found<string>[] {
  const runs: Found<string>[] = [];
  let text = '';
  let weighted = 0;
  const close = () => {
    if (text) runs.push({ value: text, confidence: weighted / text.length });
    text = '';
    weighted = 0;
  };
  for (const word of words) {
    const digits = digitsOf(word.text);
    if (digits === undefined) {
      close();
      continue;
    }
    text += digits;
    weighted += digits.length * word.confidence;
  }
  close();
  return runs;
}

const hasValidCheck = (value: string) => checkCharacterOf(value.slice(0, 17)) === value[17];

/**
 * The 18-character number: among the runs of 18 or more digit characters, a window with a valid
 * check character wins over one without; then the more confident.
 */
export function findIdNumber(lines: OcrLine[]): Found<string> | undefined {
  const candidates: (Found<string> & { valid: boolean })[] = [];
  for (const line of lines) {
    for (const run of digitRuns(line.words)) {
      for (let start = 0; start + 18 <= run.value.length; start++) {
        const value = run.value.slice(start, start + 18);
        if (/^\d{17}[\dX]$/.test(value)) candidates.push({ value, confidence: run.confidence, valid: hasValidCheck(value) });
      }
    }
  }
  candidates.sort((a, b) => Number(b.valid) - Number(a.valid) || b.confidence - a.confidence);
  const best = candidates[0];
  return best && { value: best.value, confidence: best.confidence };
}

/** A word read this surely is taken as what it says (noise from the Chinese text reads lower). */
const CLEAR_WORD = 0.8;

export type BirthDateOnCard = { kind: 'CONFIRMED'; confidence: number } | { kind: 'DIFFERENT_YEAR'; year: string } | { kind: 'NOT_READ' };

/**
 * Looks for the printed birth date (`1990年3月7日`) that the number says. The characters 年, 月 and
 * 日 come out of the English model as a stray letter or digit, so after the year the month and the
 * day may each be followed by one stray digit. A printed year of this century or the last that is not
 * the number's, read clearly, is a contradiction; anything less clear is not read.
 */
export function findBirthDate(lines: OcrLine[], expected: string): BirthDateOnCard {
  const [year, month, day] = expected.split('-') as [string, string, string];
  const pattern = new RegExp(`^${Number(month)}\\d?${Number(day)}`);
  let otherYear: string | undefined;
  for (const line of lines) {
    const words = line.words;
    for (let index = 0; index < words.length; index++) {
      const digits = words[index]!.text.replace(/\D/g, '');
      if (!/^(19|20)\d{2}$/.test(digits)) continue;
      if (digits !== year) {
        if (words[index]!.confidence >= CLEAR_WORD) otherYear ??= digits;
        continue;
      }
      const rest = words.slice(index + 1, index + 5);
      if (pattern.test(rest.map((word) => word.text.replace(/\D/g, '')).join(''))) {
        const used = [words[index]!, ...rest.filter((word) => /\d/.test(word.text))];
        return { kind: 'CONFIRMED', confidence: used.reduce((sum, word) => sum + word.confidence, 0) / used.length };
      }
    }
  }
  // The validity dates are on the other side: a clearly read year here that is not the birth year,
  // and no match, is a contradiction.
  return otherYear ? { kind: 'DIFFERENT_YEAR', year: otherYear } : { kind: 'NOT_READ' };
}

/** The validity period on the emblem side, with the confidence of the words that hold its digits. */
export function findValidity(lines: OcrLine[]): Found<ValidityText> | undefined {
  for (const line of lines) {
    const text = parseValidityText(line.text);
    if (!text) continue;
    const numeric = line.words.filter((word) => /\d/.test(word.text));
    const confidence = numeric.reduce((sum, word) => sum + word.confidence, 0) / Math.max(1, numeric.length);
    return { value: text, confidence };
  }
  return undefined;
}
