/**
 * Each center declares its encrypted columns once (`subgraphs/<center>/encryptedColumns.ts`); the
 * declaration is where callers take their bindings from, what the re-encryption job walks, and what
 * the personal-data column check reads. A binding for an undeclared column is a programming error.
 */
import type { FieldBinding, IndexBinding } from '../fieldCipher';

export interface EncryptedIndex {
  /** Column holding the blind index of the field's plaintext. */
  column: string;
  /** The kind the column was indexed under before bindings (`blindIndex('mobile', …)`), if it existed then. */
  legacyKind?: string;
}

export interface EncryptedField {
  /** Column holding the ciphertext. */
  column: string;
  /** A column that held the value in clear before it was encrypted: the job moves it into `column` and clears it. */
  clearColumn?: string;
  indexes?: EncryptedIndex[];
}

export interface EncryptedTable {
  table: string;
  /**
   * The columns of the row's key, joined with `/` into the binding's row. Known before the insert:
   * an id the application generates, or a natural key (never a database sequence).
   */
  key: string[];
  fields: EncryptedField[];
  /** Blind indexes with no ciphertext beside them (e.g. of short-lived rows): never rewritten by the job. */
  standaloneIndexes?: EncryptedIndex[];
}

/** The binding of one encrypted column of one row; `key` values in the order of `table.key`. */
export function fieldBinding(table: EncryptedTable, column: string, ...key: (string | number | bigint)[]): FieldBinding {
  if (!table.fields.some((field) => field.column === column)) throw new Error(`${table.table}.${column} is not declared as encrypted`);
  if (key.length !== table.key.length) throw new Error(`${table.table} rows are bound by ${table.key.join(', ')}`);
  return { table: table.table, column, row: key.map(String).join('/') };
}

/** The binding of a blind-index column declared on one of the table's fields or standalone. */
export function indexBinding(table: EncryptedTable, column: string): IndexBinding {
  const index = [...table.fields.flatMap((field) => field.indexes ?? []), ...(table.standaloneIndexes ?? [])].find(
    (candidate) => candidate.column === column,
  );
  if (!index) throw new Error(`${table.table}.${column} is not declared as a blind index`);
  return { table: table.table, column, legacyKind: index.legacyKind };
}
