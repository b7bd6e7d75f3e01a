/**
 * The account center's encrypted columns (kit/fieldEncryption/columns.ts): an account's holder
 * name and the other bank's card an electronic account is bound to, and the other side of a posting,
 * as statements show it (masked). A posting's id comes from a database sequence, so its
 * values are bound to (order_id, leg) instead: unique, and known before the insert.
 */
import type { EncryptedTable } from '../kit/fieldEncryption/columns';

export const POSTING: EncryptedTable = {
  table: 'posting',
  key: ['order_id', 'leg'],
  fields: [
    { column: 'counterparty_name_cipher', clearColumn: 'counterparty_name' },
    { column: 'counterparty_account_number_cipher', clearColumn: 'counterparty_account_number' },
  ],
};

export const ACCOUNT: EncryptedTable = {
  table: 'account',
  key: ['id'],
  fields: [{ column: 'holder_name_cipher', clearColumn: 'holder_name' }, { column: 'bound_card_number_cipher' }],
};

export const ACCOUNT_ENCRYPTED_TABLES: EncryptedTable[] = [ACCOUNT, POSTING];
