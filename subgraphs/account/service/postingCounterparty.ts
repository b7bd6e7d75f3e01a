/** The other side of a posting, encrypted at rest and bound to the posting's (order id, leg). */
import { decryptField, encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import type { Posting } from '../__generated__/prisma/client';
import { POSTING } from '../encryptedColumns';

export interface Counterparty {
  counterpartyName: string | null;
  counterpartyAccountNumber: string | null;
}

export function encryptCounterparty(
  orderId: string,
  leg: number,
  counterparty: { counterpartyName?: string | null; counterpartyAccountNumber?: string | null },
): { name: string | null; accountNumber: string | null } {
  const seal = (column: string, value: string | null | undefined) =>
    value ? encryptField(value, fieldBinding(POSTING, column, orderId, leg)) : null;
  return {
    name: seal('counterparty_name_cipher', counterparty.counterpartyName),
    accountNumber: seal('counterparty_account_number_cipher', counterparty.counterpartyAccountNumber),
  };
}

/** Decrypted; a posting written before encryption (not yet re-encrypted) still answers from its clear columns. */
export function counterpartyOf(posting: Posting): Counterparty {
  const open = (column: string, stored: string | null, clear: string | null) =>
    stored ? decryptField(stored, fieldBinding(POSTING, column, posting.orderId, posting.leg)) : clear;
  return {
    counterpartyName: open('counterparty_name_cipher', posting.counterpartyNameCipher, posting.counterpartyName),
    counterpartyAccountNumber: open(
      'counterparty_account_number_cipher',
      posting.counterpartyAccountNumberCipher,
      posting.counterpartyAccountNumber,
    ),
  };
}
