/**
 * The user center's encrypted columns (kit/fieldEncryption/columns.ts): a customer's name, mobile and ID number, and
 * a real-name verification's reading and ID-card photos.
 */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const CUSTOMER: EncryptedTable = {
  table: 'customer',
  key: ['id'],
  fields: [
    { column: 'name_cipher', clearColumn: 'name' },
    { column: 'mobile_cipher', indexes: [{ column: 'mobile_index', legacyKind: 'mobile' }] },
    { column: 'id_number_cipher', indexes: [{ column: 'id_number_index', legacyKind: 'id-number' }] },
  ],
};

export const REAL_NAME_VERIFICATION: EncryptedTable = {
  table: 'real_name_verification',
  key: ['id'],
  fields: [{ column: 'reading_cipher' }, { column: 'portrait_cipher' }, { column: 'emblem_cipher' }],
};

export const USER_ENCRYPTED_TABLES: EncryptedTable[] = [CUSTOMER, REAL_NAME_VERIFICATION];
