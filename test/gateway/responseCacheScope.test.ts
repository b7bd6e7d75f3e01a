import { Supergraph } from '@apollo/federation-internals';
import { parse, OperationDefinitionNode, Kind } from 'graphql';
import { apiSchemaOf } from '../../gateway/supergraph/apiSchema';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { PUBLIC_CATALOGUE, isCatalogueOnly, memoryResponseCacheStore, responseCacheKey } from '../../gateway/plugins/responseCache';

/** Which operations the catalogue response cache may touch, decided from the document alone. */
const supergraph = readSupergraph();
const schema = apiSchemaOf(supergraph);

function catalogueOnly(source: string, operationName?: string): boolean {
  const document = parse(source);
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName)! : operations[0]!;
  return isCatalogueOnly(schema, document, operation);
}

test('catalogue queries qualify, through fragments, aliases and __typename too', () => {
  expect(catalogueOnly('{ products { edges { node { id name rate minAmount { amount currency } } } pageInfo { hasNextPage } } }')).toBe(
    true,
  );
  expect(
    catalogueOnly(
      'query P($id: ID!) { product(id: $id) { ...Detail } } fragment Detail on Product { __typename code history(days: 7) { day value } saleWindow { open } }',
    ),
  ).toBe(true);
  expect(catalogueOnly('{ a: billers { name } b: product(id: "1") { name } }')).toBe(true);
});

test('anything touching a customer, a mutation or introspection does not', () => {
  expect(catalogueOnly('{ me { name } products { edges { node { id } } } }')).toBe(false);
  expect(catalogueOnly('{ me { recommendedProducts { product { id name } } } }')).toBe(false);
  expect(catalogueOnly('{ me { accounts { balance { amount } } } }')).toBe(false);
  expect(catalogueOnly('query Bills { bills(billerId: "1", customerNumber: "1") { amount { amount } biller { name } } }')).toBe(false);
  expect(catalogueOnly('{ campaigns { id } }')).toBe(false);
  expect(catalogueOnly('{ __schema { types { name } } }')).toBe(false);
  expect(catalogueOnly('{ __typename }')).toBe(false);
  expect(catalogueOnly('query P { products { edges { node { id } } } } query M { me { name } }', 'M')).toBe(false);
  expect(catalogueOnly('query P { products { edges { node { id } } } } query M { me { name } }', 'P')).toBe(true);
});

test("the catalogue types' fields all come from the product and life centers", () => {
  // Another center adding a field to Product (say, the customer's holding) must not make it cacheable.
  const ownTypes = [...PUBLIC_CATALOGUE.types].filter((name) => name !== 'Money' && name !== 'PageInfo');
  const offenders: string[] = [];
  for (const subgraph of Supergraph.build(supergraph).subgraphs().values()) {
    if (subgraph.name === 'product' || subgraph.name === 'life') continue;
    for (const typeName of ownTypes) {
      const type = subgraph.schema.type(typeName);
      if (!type || !('fields' in type)) continue;
      for (const field of type.fields()) if (field.name !== 'id') offenders.push(`${subgraph.name}: ${typeName}.${field.name}`);
    }
  }
  expect(offenders).toEqual([]);
  for (const root of PUBLIC_CATALOGUE.rootFields) expect(schema.getQueryType()!.getFields()[root]).toBeDefined();
});

test('keys differ by channel and variables, not by the order of variables', () => {
  const parts = { schema, queryHash: 'q', operationName: 'Products', variables: { a: 1, b: { c: 2, d: 3 } }, channel: 'WEB' };
  expect(responseCacheKey(parts)).toBe(responseCacheKey({ ...parts, variables: { b: { d: 3, c: 2 }, a: 1 } }));
  expect(responseCacheKey(parts)).not.toBe(responseCacheKey({ ...parts, channel: 'MOBILE_APP' }));
  expect(responseCacheKey(parts)).not.toBe(responseCacheKey({ ...parts, variables: { a: 2, b: { c: 2, d: 3 } } }));
});

test('the in-process store expires entries, and an answer computed before an invalidation is not kept', async () => {
  const store = memoryResponseCacheStore();
  const first = await store.get('k');
  expect(first.value).toBeUndefined();
  await store.set('k', 'v', 60, first.generation);
  expect((await store.get('k')).value).toBe('v');
  const before = await store.get('other');
  await store.invalidate();
  expect((await store.get('k')).value).toBeUndefined();
  await store.set('other', 'stale', 60, before.generation);
  expect((await store.get('other')).value).toBeUndefined();
  await store.set('short', 'v', 0.05, (await store.get('short')).generation);
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect((await store.get('short')).value).toBeUndefined();
});
