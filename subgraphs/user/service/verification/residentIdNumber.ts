/**
 * The 18-character citizen identity number of GB 11643-1999: a 6-digit administrative division code,
 * the birth date as YYYYMMDD, a 3-digit sequence code whose last digit is odd for men and even for
 * women, and a check character computed with ISO 7064 MOD 11-2 (`X` stands for 10).
 */

export type Sex = 'MALE' | 'FEMALE';

export interface ResidentIdNumber {
  value: string;
  /** The administrative division where the number was first issued (GB/T 2260). */
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
}

export type IdNumberProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_CHECK_DIGIT' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_REGION';

export type IdNumberResult = { ok: true; idNumber: ResidentIdNumber } | { ok: false; problem: IdNumberProblem };

/** Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2 as GB 11643-1999 writes it out). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const CHECK_CHARACTERS = '10X98765432';

/**
 * First two digits of the division code: the provinces, autonomous regions and municipalities of
 * GB/T 2260, plus 71/81/82 (Taiwan, Hong Kong, Macao: residence permits use 83 for Taiwan, 81/82 for
 * Hong Kong and Macao residents).
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45',
  '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]); // prettier-ignore

/** The check character for the first 17 digits. */
export function checkCharacterOf(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('the check character needs exactly 17 digits');
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * WEIGHTS[index]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** A calendar date YYYYMMDD as YYYY-MM-DD, or undefined when no such day exists. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parses and validates a number. `today` (YYYY-MM-DD, the bank's day) bounds the birth date: nobody
 * holding a card was born in the future or before 1900.
 */
export function parseResidentIdNumber(raw: string, today: string): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  if (checkCharacterOf(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'ID_NUMBER_CHECK_DIGIT' };
  const birthDate = calendarDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)));
  if (!birthDate || birthDate < '1900-01-01' || birthDate > today) return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, problem: 'ID_NUMBER_REGION' };
  const sex: Sex = Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, idNumber: { value, regionCode: value.slice(0, 6), birthDate, sex } };
}
