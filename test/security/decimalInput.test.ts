import { startTestPlatform, TestPlatform } from '../support/platform';

/** A `Decimal` argument travels as a string; anything else is bad input with the field path. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'product'] });
});
afterAll(() => platform.stop());

const PRODUCTS = `query Products($filter: ProductFilter) {
  products(filter: $filter, first: 50) { edges { node { code minAmount { amount } } } }
}`;

type Products = { products: { edges: { node: { code: string; minAmount: { amount: string } } }[] } };

test('a valid amount filters by minimum purchase', async () => {
  const { body } = await platform.query<Products>(PRODUCTS, { variables: { filter: { maxMinAmount: '1000.00' } } });
  expect(body.errors).toBeUndefined();
  const amounts = body.data!.products.edges.map((edge) => edge.node.minAmount.amount);
  expect(amounts.length).toBeGreaterThan(0);
  // Compared as fen strings → bigint: no float in the assertion either.
  for (const amount of amounts) expect(BigInt(amount.replace('.', ''))).toBeLessThanOrEqual(100_000n);
  const all = await platform.query<Products>(PRODUCTS, { variables: { filter: {} } });
  expect(all.body.data!.products.edges.length).toBeGreaterThan(amounts.length);
});

test.each([
  ['a JSON number', 1000.5],
  ['letters', 'abc'],
  ['a negative amount', '-1.00'],
  ['an exponent', '1e3'],
  ['thousands separators', '1,000.00'],
])('%s as a variable is BAD_USER_INPUT at the gateway, before any center is asked', async (_label, maxMinAmount) => {
  const before = platform.statementCount();
  const { status, body } = await platform.query<Products>(PRODUCTS, { variables: { filter: { maxMinAmount } } });
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(platform.statementCount()).toBe(before);
  expect(body.data?.products ?? null).toBeNull();
});

test('three decimals pass the scalar but not the amount rule, and the error names the field', async () => {
  const { body } = await platform.query<Products>(PRODUCTS, { variables: { filter: { maxMinAmount: '1.001' } } });
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.maxMinAmount' });
});

test('an inline literal that is not a decimal string fails validation at the gateway', async () => {
  for (const literal of ['100', '"abc"', '"-5"']) {
    const { status, body } = await platform.query(`{ products(filter: { maxMinAmount: ${literal} }) { edges { cursor } } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  }
});

test('an amount beyond the maximum is BAD_USER_INPUT', async () => {
  const { body } = await platform.query<Products>(PRODUCTS, { variables: { filter: { maxMinAmount: '999999999999999999.00' } } });
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
});
