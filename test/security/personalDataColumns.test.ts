import { CENTERS } from '../../platform/centers';
import { textColumns } from '../../subgraphs/kit/database/schemaColumns';
import { ENCRYPTED_TABLES } from '../../subgraphs/encryptedTables';

/**
 * Every column of every center's schema that holds a name, a mobile, an ID number or an account
 * number (by its name) is encrypted — a ciphertext or a blind index declared in the center's
 * encryptedColumns.ts — or is listed here with the reason it may stay as it is. A new such column
 * fails this test until it is encrypted or its reason is written down.
 */
const PERSONAL = /(^|_)(name|mobile|phone|id_number|id_card|account_number|card_number)(_|$)|^number$/;

const ORDER_COPY =
  "not yet encrypted: the order's copy of the other side, read in SQL by posting, clearing, purchase completion and receipts; " +
  'shown only masked (destination_masked)';

const ALLOWED: Record<string, string> = {
  'account.account.number':
    "the bank's own account number: the ledger's routing key, looked up by exact value on every same-bank transfer " +
    "and printed on the customer's own statements; only ever shown to others masked",
  // Not yet encrypted (a known gap, SECURITY.md): the order's own copy of both sides, read in SQL by the statements
  // that post, clear, complete a purchase (destination_name is the product's name there) and rebuild receipts.
  'finance.payment_order.destination_account_number': ORDER_COPY,
  'finance.payment_order.destination_name': ORDER_COPY,
  'finance.payment_order.source_account_number': ORDER_COPY,
  'finance.payment_order.source_holder_name': ORDER_COPY,
  'finance.payee.bank_name': "a bank's name, not a person's",
  'finance.holding.product_name': "a wealth product's name, not a person's",
  'finance.time_deposit.product_name': "a deposit product's name, not a person's",
  'limits.loan_application.product_name': "a loan product's name, not a person's",
  'limits.credit_card_application.product_name': "a card product's name, not a person's",
  'limits.loan.product_name': "a loan product's name, not a person's",
  'product.product.name': "a product's name, not a person's",
  'life.biller.name': "a utility company's name, not a person's",
  'life.bill.holder_name_masked': "only the masked form (张*明) of the holder's name a biller published is kept; the name itself never is",
  'life.top_up.mobile_masked': 'the masked form (138****0001) shown in the top-up history; the number itself is in mobile_cipher',
  'auth.device.name': 'the label the customer gave their own device, shown only to them',
  'auth.passkey.name': 'the label the customer gave their own passkey, shown only to them',
};

function protectedColumns(): Map<string, string> {
  const columns = new Map<string, string>();
  for (const center of CENTERS) {
    for (const table of ENCRYPTED_TABLES[center]) {
      const at = (column: string) => `${center}.${table.table}.${column}`;
      for (const field of table.fields) {
        columns.set(at(field.column), 'ciphertext');
        if (field.clearColumn) columns.set(at(field.clearColumn), 'clear column the re-encryption job empties');
        for (const index of field.indexes ?? []) columns.set(at(index.column), 'blind index');
      }
      for (const index of table.standaloneIndexes ?? []) columns.set(at(index.column), 'blind index');
    }
  }
  return columns;
}

test('no column named for a name, mobile, ID number or account number is in clear unless allowed with a reason', () => {
  const encrypted = protectedColumns();
  const found = CENTERS.flatMap((center) =>
    textColumns(center)
      .filter(({ column }) => PERSONAL.test(column))
      .map(({ table, column }) => `${center}.${table}.${column}`),
  );
  expect(found.length).toBeGreaterThan(20);
  const unprotected = found.filter((column) => !encrypted.has(column) && !ALLOWED[column]);
  expect(unprotected).toEqual([]);
});

test('every declared encrypted column exists, and the allowlist names only columns that exist and are not encrypted', () => {
  const all = new Set(CENTERS.flatMap((center) => textColumns(center).map(({ table, column }) => `${center}.${table}.${column}`)));
  const encrypted = protectedColumns();
  expect([...encrypted.keys()].filter((column) => !all.has(column))).toEqual([]);
  expect(Object.keys(ALLOWED).filter((column) => !all.has(column) || encrypted.has(column))).toEqual([]);
  for (const reason of Object.values(ALLOWED)) expect(reason.length).toBeGreaterThan(20);
});
