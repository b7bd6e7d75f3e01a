/**
 * The finance center's encrypted columns (kit/fieldEncryption/columns.ts): a saved payee's name and
 * account number, and the private halves of the receipt keys.
 */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const PAYEE: EncryptedTable = {
  table: 'payee',
  key: ['id'],
  fields: [
    { column: 'name_cipher', clearColumn: 'name' },
    { column: 'account_number_cipher', clearColumn: 'account_number', indexes: [{ column: 'account_number_index' }] },
  ],
};

export const RECEIPT_KEY: EncryptedTable = { table: 'receipt_key', key: ['kid'], fields: [{ column: 'private_jwk' }] };

export const FINANCE_ENCRYPTED_TABLES: EncryptedTable[] = [PAYEE, RECEIPT_KEY];
