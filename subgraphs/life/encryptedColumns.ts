/** The life center's encrypted columns (kit/fieldEncryption/columns.ts): the mobile number a top-up is sent to. */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const TOP_UP: EncryptedTable = {
  table: 'top_up',
  key: ['id'],
  fields: [{ column: 'mobile_cipher', indexes: [{ column: 'mobile_index', legacyKind: 'mobile' }] }],
};

export const LIFE_ENCRYPTED_TABLES: EncryptedTable[] = [TOP_UP];
