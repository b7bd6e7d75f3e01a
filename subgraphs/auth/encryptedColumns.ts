/**
 * The auth center's encrypted columns (kit/fieldEncryption/columns.ts): the login mobile and a
 * registration's and a password reset's mobile, the operators' TOTP secrets and the private halves of server keys; SMS codes
 * and the development outbox keep only a blind index of the mobile.
 */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const CREDENTIAL: EncryptedTable = {
  table: 'credential',
  key: ['user_id'],
  fields: [{ column: 'mobile_encrypted', indexes: [{ column: 'login_index', legacyKind: 'mobile' }] }],
};

/** A registration keeps the mobile it texted: the customer record and the credential are made from it. */
export const REGISTRATION: EncryptedTable = { table: 'registration', key: ['id'], fields: [{ column: 'mobile_encrypted' }] };

/** A password reset keeps the mobile it texted: the new password may not contain it. */
export const PASSWORD_RESET: EncryptedTable = { table: 'password_reset', key: ['id'], fields: [{ column: 'mobile_encrypted' }] };

export const STAFF_USER: EncryptedTable = { table: 'staff_user', key: ['id'], fields: [{ column: 'totp_secret' }] };

export const SERVER_KEY: EncryptedTable = { table: 'server_key', key: ['purpose'], fields: [{ column: 'private_key' }] };

export const SIGNING_KEY: EncryptedTable = { table: 'signing_key', key: ['kid'], fields: [{ column: 'private_jwk' }] };

export const SMS_CODE: EncryptedTable = {
  table: 'sms_code',
  key: ['id'],
  fields: [],
  standaloneIndexes: [{ column: 'mobile_index', legacyKind: 'mobile' }],
};

export const SMS_OUTBOX: EncryptedTable = {
  table: 'sms_outbox',
  key: ['id'],
  fields: [],
  standaloneIndexes: [{ column: 'mobile_index', legacyKind: 'mobile' }],
};

export const AUTH_ENCRYPTED_TABLES: EncryptedTable[] = [
  CREDENTIAL,
  REGISTRATION,
  PASSWORD_RESET,
  STAFF_USER,
  SERVER_KEY,
  SIGNING_KEY,
  SMS_CODE,
  SMS_OUTBOX,
];
