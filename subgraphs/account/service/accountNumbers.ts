/**
 * Numbers of accounts opened online: this bank's 19-digit debit numbering (BIN 623058, like the accounts
 * opened at a branch), twelve random digits, then a Luhn check digit (ISO/IEC 7812-1) as bank card numbers
 * carry, so a mistyped digit is caught before anything is looked up. Uniqueness is the database's
 * (`account.number` is unique): a collision is retried with a new number by the caller.
 */
import { randomInt } from 'node:crypto';

export const BANK_BIN = '623058';

/** The Luhn check digit of `digits` (the number without its last digit). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // Double every second digit from the right, starting with the rightmost (the check digit goes after it).
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function hasValidCheckDigit(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === number.slice(-1);
}

export function newAccountNumber(): string {
  const body = BANK_BIN + Array.from({ length: 12 }, () => randomInt(10)).join('');
  return body + luhnCheckDigit(body);
}
