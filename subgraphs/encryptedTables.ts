/**
 * Every center's encrypted columns, by center: what the re-encryption job walks
 * (scripts/reencrypt-fields.ts) and what the personal-data column check reads. A center without
 * encrypted columns has an empty list.
 */
import type { CenterName } from '../platform/centers';
import { ACCOUNT_ENCRYPTED_TABLES } from './account/encryptedColumns';
import { AUTH_ENCRYPTED_TABLES } from './auth/encryptedColumns';
import { FINANCE_ENCRYPTED_TABLES } from './finance/encryptedColumns';
import type { EncryptedTable } from './kit/fieldEncryption/columns';
import { LIFE_ENCRYPTED_TABLES } from './life/encryptedColumns';
import { USER_ENCRYPTED_TABLES } from './user/encryptedColumns';

export const ENCRYPTED_TABLES: Record<CenterName, EncryptedTable[]> = {
  user: USER_ENCRYPTED_TABLES,
  account: ACCOUNT_ENCRYPTED_TABLES,
  finance: FINANCE_ENCRYPTED_TABLES,
  product: [],
  life: LIFE_ENCRYPTED_TABLES,
  marketing: [],
  auth: AUTH_ENCRYPTED_TABLES,
  limits: [],
};
