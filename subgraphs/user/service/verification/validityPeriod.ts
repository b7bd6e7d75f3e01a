/**
 * The validity period printed on the emblem side of a resident identity card, `2020.01.01-2040.01.01`
 * or `2020.01.01-长期` (long-term), and its rules from the Resident Identity Card Law of the PRC,
 * article 5: a card issued at 16–25 is valid 10 years, at 26–45 20 years, from 46 on long-term; under
 * 16, 5 years.
 */
import { calendarDate } from './residentIdNumber';

export interface ValidityPeriod {
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD, or null for a long-term card. */
  validUntil: string | null;
}

/** What the text shows of the period's end. */
export type ValidityEnd = { kind: 'DATE'; date: string } | { kind: 'LONG_TERM' } | { kind: 'UNREADABLE' };

export interface ValidityText {
  validFrom: string;
  end: ValidityEnd;
}

export type ValidityProblem = 'VALIDITY_UNREADABLE' | 'VALIDITY_TERM' | 'VALIDITY_TERM_FOR_AGE' | 'CARD_EXPIRED' | 'CARD_NOT_YET_VALID';

export interface ValidityCheck {
  period?: ValidityPeriod;
  /** True when the end was not read but follows from the holder's age (a long-term card). */
  endInferred: boolean;
  problems: ValidityProblem[];
}

// OCR turns the dots into commas or middle dots, loses them in a blurred photo, and spreads digits
// with spaces now and then.
const DATE = String.raw`(\d{4})\s*[.,·]?\s*(\d{2})\s*[.,·]?\s*(\d{2})`;
const PERIOD = new RegExp(`${DATE}\\s*[-–—~]+\\s*(?:${DATE}|(长期))?`);

function dateOf(year?: string, month?: string, day?: string): string | undefined {
  if (!year || !month || !day) return undefined;
  return calendarDate(Number(year), Number(month), Number(day));
}

/** Finds the period in OCR text; undefined when no start date is there. */
export function parseValidityText(text: string): ValidityText | undefined {
  const match = PERIOD.exec(text);
  if (!match) return undefined;
  const validFrom = dateOf(match[1], match[2], match[3]);
  if (!validFrom) return undefined;
  const until = dateOf(match[4], match[5], match[6]);
  if (until) return { validFrom, end: { kind: 'DATE', date: until } };
  if (match[7]) return { validFrom, end: { kind: 'LONG_TERM' } };
  return { validFrom, end: { kind: 'UNREADABLE' } };
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/** The term in years (null: long-term) a card issued at this age has under article 5. */
export function termForAge(age: number): number | null {
  if (age < 16) return 5;
  if (age <= 25) return 10;
  if (age <= 45) return 20;
  return null;
}

function addYears(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

/** The term in years when `until` is `from` plus 5, 10 or 20 years (a 29 February start ends on 28 February or 1 March). */
function termOf(from: string, until: string): number | undefined {
  return [5, 10, 20].find((years) => {
    const end = addYears(from, years);
    if (end === until) return true;
    return (
      from.slice(5) === '02-29' &&
      (until === addYears(from.slice(0, 5) + '02-28', years) || until === addYears(from.slice(0, 5) + '03-01', years))
    );
  });
}

/**
 * Checks a period read from a card against the law's terms, the holder's birth date (from the ID
 * number, when known) and today. An unreadable end on the card of someone 46 or older at issue is
 * taken as long-term: the English OCR model cannot read 长期.
 */
export function checkValidity(text: ValidityText | undefined, birthDate: string | undefined, today: string): ValidityCheck {
  if (!text) return { endInferred: false, problems: ['VALIDITY_UNREADABLE'] };
  // The application may precede the issue date by weeks, across a birthday: either age counts.
  const ageAtIssue = birthDate ? wholeYearsBetween(birthDate, text.validFrom) : undefined;
  const ages = ageAtIssue === undefined ? [] : [ageAtIssue, Math.max(0, ageAtIssue - 1)];
  const allowedTerms = new Set(ages.map(termForAge));

  let period: ValidityPeriod;
  let endInferred = false;
  const problems: ValidityProblem[] = [];
  if (text.end.kind === 'DATE') {
    period = { validFrom: text.validFrom, validUntil: text.end.date };
    const term = termOf(text.validFrom, text.end.date);
    if (term === undefined) problems.push('VALIDITY_TERM');
    else if (birthDate && !allowedTerms.has(term)) problems.push('VALIDITY_TERM_FOR_AGE');
  } else if (text.end.kind === 'LONG_TERM') {
    period = { validFrom: text.validFrom, validUntil: null };
    if (birthDate && !allowedTerms.has(null)) problems.push('VALIDITY_TERM_FOR_AGE');
  } else {
    if (!birthDate || !allowedTerms.has(null)) return { endInferred: false, problems: ['VALIDITY_UNREADABLE'] };
    period = { validFrom: text.validFrom, validUntil: null };
    endInferred = true;
  }
  if (period.validFrom > today) problems.push('CARD_NOT_YET_VALID');
  if (period.validUntil !== null && period.validUntil < today) problems.push('CARD_EXPIRED');
  return { period, endInferred, problems };
}
