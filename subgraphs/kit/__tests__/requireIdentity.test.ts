import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import type { Identity } from '../../../platform/identity/identity';
import { entryPoints, requireIdentityByDefault } from '../server/requireIdentity';

/** The kit's secure-by-default rule on a small subgraph, executed without HTTP. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  directive @public on FIELD_DEFINITION | OBJECT
  type Query {
    catalogue: [String!]! @public
    myThings: [String!]
    forgotten: String
  }
  extend type Query {
    internalThing: String
  }
  type Mutation {
    signIn: String! @public
    changeThing: String!
  }
  type Thing @key(fields: "id") { id: ID! name: String! }
  type Elsewhere @key(fields: "id") { id: ID! }
  type CatalogueItem @key(fields: "id") @public { id: ID! }
`);

const calls: string[] = [];
const record = (name: string) => () => {
  calls.push(name);
  return name === 'catalogue' || name === 'myThings' ? [name] : name;
};

const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: requireIdentityByDefault(typeDefs, {
    Query: { catalogue: record('catalogue'), myThings: record('myThings'), internalThing: { resolve: record('internalThing') } },
    Mutation: { signIn: record('signIn'), changeThing: record('changeThing') },
    Thing: {
      __resolveReference: (reference: { id: string }) => {
        calls.push('Thing.__resolveReference');
        return { id: reference.id, name: 'thing' };
      },
    },
  }),
});

const anonymous: Identity = { kind: 'gateway', channel: 'WEB', authLevel: 0 };
const customer: Identity = { kind: 'gateway', channel: 'WEB', userId: 'u1', authLevel: 1 };
const staff: Identity = { kind: 'gateway', channel: 'OPS', userId: 'staff-1', authLevel: 2, roles: ['OPERATOR'] };
const service: Identity = { kind: 'service', service: 'finance', scopes: [] };

async function run(document: string, identity: Identity) {
  const result = await execute({ schema, document: parse(document), contextValue: { identity } });
  return { data: result.data, codes: (result.errors ?? []).map((error) => [error.path?.join('.'), error.extensions.code]) };
}

beforeEach(() => {
  calls.length = 0;
});

test('lists every root field and entity reference with its @public mark', () => {
  expect(entryPoints(typeDefs)).toEqual([
    { type: 'Query', field: 'catalogue', public: true },
    { type: 'Query', field: 'myThings', public: false },
    { type: 'Query', field: 'forgotten', public: false },
    { type: 'Query', field: 'internalThing', public: false },
    { type: 'Mutation', field: 'signIn', public: true },
    { type: 'Mutation', field: 'changeThing', public: false },
    { type: 'Thing', field: '__resolveReference', public: false },
    { type: 'Elsewhere', field: '__resolveReference', public: false },
    { type: 'CatalogueItem', field: '__resolveReference', public: true },
  ]);
});

test('an anonymous caller reaches @public fields only; refused resolvers never run', async () => {
  const query = await run('{ catalogue myThings forgotten internalThing }', anonymous);
  expect(query.data).toEqual({ catalogue: ['catalogue'], myThings: null, forgotten: null, internalThing: null });
  expect(query.codes).toEqual([
    ['myThings', 'UNAUTHENTICATED'],
    ['forgotten', 'UNAUTHENTICATED'],
    ['internalThing', 'UNAUTHENTICATED'],
  ]);
  const mutation = await run('mutation { signIn }', anonymous);
  expect(mutation).toEqual({ data: { signIn: 'signIn' }, codes: [] });
  const refused = await run('mutation { changeThing }', anonymous);
  expect(refused.codes).toEqual([['changeThing', 'UNAUTHENTICATED']]);
  expect(calls).toEqual(['catalogue', 'signIn']);
});

test.each([
  ['a signed-in customer', customer],
  ['a staff member', staff],
  ['a service credential', service],
])('%s passes the rule on every field', async (_who, identity) => {
  const { data, codes } = await run('{ catalogue myThings internalThing }', identity);
  expect(codes).toEqual([]);
  expect(data).toEqual({ catalogue: ['catalogue'], myThings: ['myThings'], internalThing: 'internalThing' });
});

test('entity references need an identity, also for types without their own __resolveReference', async () => {
  const document = `{ _entities(representations: [{ __typename: "Thing", id: "t1" }]) { ... on Thing { name } } }`;
  const other = `{ _entities(representations: [{ __typename: "Elsewhere", id: "e1" }]) { ... on Elsewhere { id } } }`;
  expect((await run(document, anonymous)).codes).toEqual([['_entities', 'UNAUTHENTICATED']]);
  expect((await run(other, anonymous)).codes).toEqual([['_entities', 'UNAUTHENTICATED']]);
  expect(calls).toEqual([]);
  expect((await run(document, customer)).data).toEqual({ _entities: [{ name: 'thing' }] });
  expect((await run(other, service)).data).toEqual({ _entities: [{ id: 'e1' }] });
});

test('an entity type marked @public resolves its references for anyone', async () => {
  const document = `{ _entities(representations: [{ __typename: "CatalogueItem", id: "c1" }]) { ... on CatalogueItem { id } } }`;
  expect(await run(document, anonymous)).toEqual({ data: { _entities: [{ id: 'c1' }] }, codes: [] });
});

test('the federation SDL field stays open (no customer data)', async () => {
  const { data, codes } = await run('{ _service { sdl } }', anonymous);
  expect(codes).toEqual([]);
  expect((data as { _service: { sdl: string } })._service.sdl).toContain('@public');
});

test('refuses a @public mark that would open nothing', () => {
  const onValueField = parse(
    'directive @public on FIELD_DEFINITION | OBJECT\ntype Query { a: Thing } type Thing { secret: String @public }',
  );
  expect(() => entryPoints(onValueField)).toThrow('@public on Thing.secret');
  const onValueType = parse(
    'directive @public on FIELD_DEFINITION | OBJECT\ntype Query { a: Thing } type Thing @public { secret: String }',
  );
  expect(() => entryPoints(onValueType)).toThrow('@public on Thing');
});

describe('@requiresServiceScope', () => {
  const scopedTypeDefs = parse(`
    directive @public on FIELD_DEFINITION | OBJECT
    directive @requiresServiceScope(scope: String!) on FIELD_DEFINITION
    type Query {
      ledgerTotals: String @requiresServiceScope(scope: "bank:ledger:read")
      myThings: String
    }
    type Mutation {
      postEntry: String! @requiresServiceScope(scope: "bank:ledger:post")
    }
  `);
  const ran: string[] = [];
  const scopedSchema = buildSubgraphSchema({
    typeDefs: scopedTypeDefs,
    resolvers: requireIdentityByDefault(scopedTypeDefs, {
      Query: { ledgerTotals: () => (ran.push('ledgerTotals'), 'totals'), myThings: () => 'things' },
      // A field given as a config object is guarded the same way.
      Mutation: { postEntry: { resolve: () => (ran.push('postEntry'), 'posted') } },
    }),
  });
  const runScoped = async (document: string, identity: Identity) => {
    const result = await execute({ schema: scopedSchema, document: parse(document), contextValue: { identity } });
    return { data: result.data, errors: (result.errors ?? []).map((error) => [error.extensions.code, error.message]) };
  };
  const withScopes = (...scopes: string[]): Identity => ({ kind: 'service', service: 'finance', scopes });

  beforeEach(() => {
    ran.length = 0;
  });

  test('lists the scope of each entry point that requires one', () => {
    expect(entryPoints(scopedTypeDefs)).toEqual([
      { type: 'Query', field: 'ledgerTotals', public: false, serviceScope: 'bank:ledger:read' },
      { type: 'Query', field: 'myThings', public: false },
      { type: 'Mutation', field: 'postEntry', public: false, serviceScope: 'bank:ledger:post' },
    ]);
  });

  test('a service credential carrying the scope reaches the resolver', async () => {
    expect(await runScoped('{ ledgerTotals }', withScopes('bank:ledger:read'))).toEqual({ data: { ledgerTotals: 'totals' }, errors: [] });
    expect(await runScoped('mutation { postEntry }', withScopes('bank:ledger:post'))).toEqual({
      data: { postEntry: 'posted' },
      errors: [],
    });
    expect(ran).toEqual(['ledgerTotals', 'postEntry']);
  });

  test('a credential without the scope is refused FORBIDDEN before the resolver runs', async () => {
    expect((await runScoped('{ ledgerTotals }', withScopes('bank:ledger:post'))).errors).toEqual([
      ['FORBIDDEN', '服务凭证缺少权限 bank:ledger:read'],
    ]);
    expect((await runScoped('mutation { postEntry }', withScopes())).errors).toEqual([['FORBIDDEN', '服务凭证缺少权限 bank:ledger:post']]);
    expect(ran).toEqual([]);
  });

  test('a signed-in customer is refused as not a service; an anonymous caller as unauthenticated', async () => {
    expect((await runScoped('{ ledgerTotals myThings }', customer)).errors).toEqual([['FORBIDDEN', '仅限内部服务调用']]);
    expect((await runScoped('{ ledgerTotals }', anonymous)).errors).toEqual([['UNAUTHENTICATED', '请先登录']]);
    expect(ran).toEqual([]);
  });

  test('refuses a scope that would guard nothing or contradict @public', () => {
    const header = 'directive @public on FIELD_DEFINITION | OBJECT\ndirective @requiresServiceScope(scope: String!) on FIELD_DEFINITION\n';
    expect(() =>
      entryPoints(parse(`${header}type Query { a: Thing } type Thing { secret: String @requiresServiceScope(scope: "x:y") }`)),
    ).toThrow('@requiresServiceScope on Thing.secret');
    expect(() => entryPoints(parse(`${header}type Query { a: String @public @requiresServiceScope(scope: "x:y") }`))).toThrow(
      'Query.a cannot be both @public and @requiresServiceScope',
    );
  });
});
