/**
 * The public-security register (公安部公民身份信息核查): the last step of real-name verification asks
 * it whether the name and ID number belong together and whether the selfie is that citizen's. A
 * licensed provider sits behind this interface in production; `choice.ts` picks the one a start runs
 * with, and none at all makes every verification refuse (REAL_NAME_PROVIDER_MISSING).
 */

export type RegisterCheckResult =
  /** Name and number are one citizen's, and the selfie is theirs. */
  | 'MATCH'
  /** The number exists under another name. */
  | 'NAME_MISMATCH'
  /** No citizen has this number. */
  | 'NOT_FOUND'
  /** Name and number agree, but the selfie is not the registered photo's person. */
  | 'PHOTO_MISMATCH';

export interface IdentityCheck {
  /** As the customer typed it at registration. */
  name: string;
  /** The 18-character number read from the card. */
  idNumber: string;
  /** The selfie as uploaded (JPEG or PNG); sent to the register, never stored. */
  selfie: Buffer;
}

export interface PublicSecurityRegister {
  readonly kind: 'stand-in' | 'unconfigured';
  /** Throws the bank error REAL_NAME_PROVIDER_MISSING when no provider is configured. */
  checkIdentity(check: IdentityCheck): Promise<RegisterCheckResult>;
}
