/**
 * The re-encryption job: brings every declared encrypted column of a center's database to the form
 * written today — bound to its row, under the write version's key and algorithm, blind indexes in
 * the current form — and moves values still held in a clear column into their ciphertext column.
 *
 * It walks a table batch by batch in key order, reading only rows that need work, and writes each
 * row with a compare-and-set on every value it read: a row changed meanwhile (by the application or
 * by another run of the job) is left alone and counted as `raced`, to be picked up by the next run.
 * So it is safe to run twice and concurrently, and while the centers serve traffic. A row it cannot
 * decrypt (a key not configured here) is reported by key and skipped, never logged with its value.
 */
import {
  blindIndex,
  decryptField,
  encryptField,
  fieldKeyVersion,
  blindIndexPrefix,
  isUnboundField,
  needsReEncryption,
} from '../fieldCipher';
import { EncryptedTable, fieldBinding, indexBinding } from './columns';
import { fieldKeyring } from './keyring';

/** What the job needs of a database connection (a `pg` Client or Pool). */
export interface SqlConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export interface ReEncryptionReport {
  table: string;
  /** Rows that needed work. */
  examined: number;
  rewritten: number;
  /** Changed by someone else between read and write; left for the next run. */
  raced: number;
  failed: { row: string; error: string }[];
}

export interface ReEncryptionOptions {
  batchSize?: number;
  env?: NodeJS.ProcessEnv;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function reEncryptTable(
  db: SqlConnection,
  table: EncryptedTable,
  options: ReEncryptionOptions = {},
): Promise<ReEncryptionReport> {
  const env = options.env ?? process.env;
  const batchSize = options.batchSize ?? 200;
  const report: ReEncryptionReport = { table: table.table, examined: 0, rewritten: 0, raced: 0, failed: [] };
  if (table.fields.length === 0) return report;

  const keyring = fieldKeyring(env);
  const write = keyring.keys.get(keyring.writeVersion)!;
  const currentPrefix = `v${write.version}:${write.algorithm === 'aes-256-gcm' ? 'gcm' : 'sm4'}:%`;
  const indexPrefix = `${blindIndexPrefix(env)}%`;

  const keys = table.key.map((column, i) => `${quote(column)}::text AS k${i}`);
  const valueColumns = table.fields.flatMap((field) => [
    field.column,
    ...(field.clearColumn ? [field.clearColumn] : []),
    ...(field.indexes ?? []).map((i) => i.column),
  ]);
  const keyTuple = `(${table.key.map((column) => `${quote(column)}::text`).join(', ')})`;

  let last: string[] | undefined;
  for (;;) {
    const values: unknown[] = [];
    const parameter = (value: unknown) => {
      values.push(value);
      return `$${values.length}::text`;
    };
    const needsWork = table.fields.flatMap((field) => [
      `(${quote(field.column)} IS NOT NULL AND ${quote(field.column)} NOT LIKE ${parameter(currentPrefix)})`,
      ...(field.clearColumn ? [`${quote(field.clearColumn)} IS NOT NULL`] : []),
      ...(field.indexes ?? []).map(
        (index) => `(${quote(index.column)} IS NOT NULL AND ${quote(index.column)} NOT LIKE ${parameter(indexPrefix)})`,
      ),
    ]);
    const after = last ? `AND ${keyTuple} > (${last.map(parameter).join(', ')})` : '';
    const { rows } = await db.query(
      `SELECT ${[...keys, ...valueColumns.map(quote)].join(', ')} FROM ${quote(table.table)}
       WHERE (${needsWork.join(' OR ')}) ${after}
       ORDER BY ${keyTuple} LIMIT ${Number(batchSize)}`,
      values,
    );
    if (rows.length === 0) return report;
    for (const row of rows) {
      const key = table.key.map((_, i) => String(row[`k${i}`]));
      report.examined++;
      try {
        const changes = upgradedValues(table, key, row, env);
        if (changes.size === 0) continue;
        const outcome = await compareAndSet(db, table, key, row, changes);
        if (outcome) report.rewritten++;
        else report.raced++;
      } catch (error) {
        report.failed.push({ row: key.join('/'), error: (error as Error).message });
      }
    }
    last = table.key.map((_, i) => String(rows.at(-1)![`k${i}`]));
  }
}

/** The columns of one row that change, with their new values. */
function upgradedValues(
  table: EncryptedTable,
  key: string[],
  row: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Map<string, string | null> {
  const changes = new Map<string, string | null>();
  for (const field of table.fields) {
    const binding = fieldBinding(table, field.column, ...key);
    const stored = row[field.column] as string | null;
    const clear = field.clearColumn ? (row[field.clearColumn] as string | null) : null;
    let plaintext: string | null = null;
    if (stored !== null) {
      plaintext = decryptField(stored, binding, env);
      if (needsReEncryption(stored, env)) changes.set(field.column, encryptField(plaintext, binding, env));
    } else if (clear !== null) {
      plaintext = clear;
      changes.set(field.column, encryptField(clear, binding, env));
    }
    if (field.clearColumn && clear !== null) changes.set(field.clearColumn, null);
    if (plaintext === null) continue;
    for (const index of field.indexes ?? []) {
      const current = blindIndex(indexBinding(table, index.column), plaintext, env);
      if (row[index.column] !== current) changes.set(index.column, current);
    }
  }
  return changes;
}

async function compareAndSet(
  db: SqlConnection,
  table: EncryptedTable,
  key: string[],
  row: Record<string, unknown>,
  changes: Map<string, string | null>,
): Promise<boolean> {
  const values: unknown[] = [];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const assignments = [...changes].map(([column, value]) => `${quote(column)} = ${parameter(value)}`);
  const conditions = [
    ...table.key.map((column, i) => `${quote(column)}::text = ${parameter(key[i])}`),
    ...[...changes.keys()].map((column) => `${quote(column)} IS NOT DISTINCT FROM ${parameter(row[column])}`),
    // A field's ciphertext decides its index: an index is only rewritten from the ciphertext read.
    ...table.fields
      .filter((field) => !changes.has(field.column))
      .map((field) => `${quote(field.column)} IS NOT DISTINCT FROM ${parameter(row[field.column])}`),
  ];
  const result = await db.query(`UPDATE ${quote(table.table)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`, values);
  return (result.rowCount ?? 0) > 0;
}

/** Counts of values per form, for a report before and after a run (and for deciding when an old key can go). */
export async function encryptedValueCensus(db: SqlConnection, table: EncryptedTable): Promise<Record<string, number>> {
  const census: Record<string, number> = {};
  for (const field of table.fields) {
    const { rows } = await db.query(
      `SELECT ${quote(field.column)} AS value FROM ${quote(table.table)} WHERE ${quote(field.column)} IS NOT NULL`,
    );
    for (const { value } of rows) {
      const stored = value as string;
      const form = isUnboundField(stored) ? `v${fieldKeyVersion(stored)} unbound` : stored.split(':').slice(0, 2).join(':');
      census[`${field.column} ${form}`] = (census[`${field.column} ${form}`] ?? 0) + 1;
    }
    if (field.clearColumn) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${quote(table.table)} WHERE ${quote(field.clearColumn)} IS NOT NULL`);
      census[`${field.clearColumn} clear`] = rows[0]!.n as number;
    }
  }
  return census;
}
