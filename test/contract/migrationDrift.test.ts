import { compareSchemas } from '../../scripts/check-migrations';

/**
 * The drift check (`npm run check:migrations`) compares the catalogue of a database built by the
 * committed migrations with one built from schema.prisma. These cases pin what it lets through.
 */
const column = 'column account.balance bigint not null default 0';
const prismaIndex = 'index CREATE UNIQUE INDEX rule_key ON public.rule USING btree (scope, channel)';

test('identical catalogues agree', () => {
  expect(compareSchemas([column, prismaIndex], [prismaIndex, column])).toEqual([]);
});

test('a model change without a migration is drift', () => {
  expect(compareSchemas([column], [column, 'column account.frozen boolean not null default false'])).toEqual([
    '  only in schema.prisma: column account.frozen boolean not null default false',
  ]);
});

test('a migration whose SQL builds something else than its model is drift', () => {
  expect(compareSchemas(['column account.balance integer not null default 0'], [column])).toEqual([
    '  only in migrations:   column account.balance integer not null default 0',
    `  only in schema.prisma: ${column}`,
  ]);
});

test('hand-written CHECK constraints and partial indexes may exist only in migrations', () => {
  const check = 'constraint account account_not_negative CHECK ((balance >= 0))';
  const partial = "index CREATE UNIQUE INDEX one_live ON public.payment USING btree (bill_id) WHERE (status = 'PENDING')";
  expect(compareSchemas([column, check, partial], [column])).toEqual([]);
  const plainIndex = 'index CREATE INDEX account_balance_idx ON public.account USING btree (balance)';
  expect(compareSchemas([column, plainIndex], [column])).toEqual([`  only in migrations:   ${plainIndex}`]);
});

test("a hand-written index may replace Prisma's index of the same name only by narrowing it", () => {
  expect(compareSchemas([`${prismaIndex} NULLS NOT DISTINCT`], [prismaIndex])).toEqual([]);
  const widened = 'index CREATE UNIQUE INDEX rule_key ON public.rule USING btree (scope) NULLS NOT DISTINCT';
  expect(compareSchemas([widened], [prismaIndex])).toEqual([`  only in schema.prisma: ${prismaIndex}`]);
});
