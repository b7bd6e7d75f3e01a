/** The finance center's encrypted columns (kit/fieldEncryption/columns.ts): a saved payee's name and account number. */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const PAYEE: EncryptedTable = {
  table: 'payee',
  key: ['id'],
  fields: [
    { column: 'name_cipher', clearColumn: 'name' },
    { column: 'account_number_cipher', clearColumn: 'account_number', indexes: [{ column: 'account_number_index' }] },
  ],
};

export const FINANCE_ENCRYPTED_TABLES: EncryptedTable[] = [PAYEE];
