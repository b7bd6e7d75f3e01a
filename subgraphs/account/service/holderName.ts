/** An account holder's name, encrypted at rest and bound to the account's id. */
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { Account } from '../__generated__/prisma/client';
import { ACCOUNT } from '../encryptedColumns';

export function encryptHolderName(accountId: string, name: string): string {
  return encryptField(name, fieldBinding(ACCOUNT, 'holder_name_cipher', accountId));
}

/** Decrypted; an account written before encryption (not yet re-encrypted) answers from its clear column. */
export function holderNameOf(account: Pick<Account, 'id' | 'holderName' | 'holderNameCipher'>): string {
  if (account.holderNameCipher) return decryptField(account.holderNameCipher, fieldBinding(ACCOUNT, 'holder_name_cipher', account.id));
  return account.holderName ?? '';
}
