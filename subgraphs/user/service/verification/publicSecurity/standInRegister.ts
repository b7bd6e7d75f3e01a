/**
 * The development stand-in of the public-security register: deterministic, no network, never in
 * production (choice.ts). Any well-formed number with its check character matches, except:
 * - a name containing `不符` answers NAME_MISMATCH;
 * - the test number STAND_IN_NOT_FOUND_NUMBER (110105194910010015) answers NOT_FOUND, and a malformed number too;
 * - the test number STAND_IN_PHOTO_MISMATCH_NUMBER (110105194910010023) answers PHOTO_MISMATCH.
 * The selfie is not looked at (the bank's own face match has compared it with the card already).
 */
import { checkCharacterOf } from '../residentIdNumber';
import type { IdentityCheck, PublicSecurityRegister, RegisterCheckResult } from './register';

const withCheck = (first17: string) => first17 + checkCharacterOf(first17);

export const STAND_IN_NOT_FOUND_NUMBER = withCheck('11010519491001001');
export const STAND_IN_PHOTO_MISMATCH_NUMBER = withCheck('11010519491001002');
/** A name containing this answers NAME_MISMATCH. */
export const STAND_IN_NAME_MISMATCH_MARKER = '不符';

const WELL_FORMED = /^\d{17}[\dX]$/;

export class StandInRegister implements PublicSecurityRegister {
  readonly kind = 'stand-in';

  async checkIdentity({ name, idNumber }: IdentityCheck): Promise<RegisterCheckResult> {
    if (!WELL_FORMED.test(idNumber) || checkCharacterOf(idNumber.slice(0, 17)) !== idNumber[17]) return 'NOT_FOUND';
    if (idNumber === STAND_IN_NOT_FOUND_NUMBER) return 'NOT_FOUND';
    if (name.includes(STAND_IN_NAME_MISMATCH_MARKER)) return 'NAME_MISMATCH';
    if (idNumber === STAND_IN_PHOTO_MISMATCH_NUMBER) return 'PHOTO_MISMATCH';
    return 'MATCH';
  }
}
