import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { CENTERS, CenterName } from '../../platform/centers';
import { centerTypeDefs } from '../../subgraphs/kit/schema/load';
import { entryPoints } from '../../subgraphs/kit/server/requireIdentity';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * Walks every center's schema and calls each entry point directly over HTTP as the gateway's
 * anonymous identity (a request before sign-in): everything not marked @public must be refused
 * with UNAUTHENTICATED. A new field is protected without anyone remembering to; a new @public
 * field fails the allowlist below until someone reviews it.
 */

/**
 * The only entry points an anonymous caller may reach: sign-in and its steps, and the public
 * catalogue (whose entities, every field public, also resolve references for anyone), and receipt
 * verification (anyone holding a receipt may check it).
 */
const PUBLIC_ENTRY_POINTS: Record<CenterName, string[]> = {
  user: [],
  account: [],
  finance: ['Query.verifyReceipt'],
  product: ['Query.products', 'Query.product', 'Product.__resolveReference'],
  life: ['Query.billers', 'Biller.__resolveReference'],
  marketing: ['Query.campaigns', 'Mutation.trackEvents'],
  auth: [
    'Query.pinEncryptionKey',
    'Query.developmentSmsOutbox',
    'Mutation.login',
    'Mutation.verifyNewDevice',
    'Mutation.resendNewDeviceCode',
    'Mutation.startRegistration',
    'Mutation.completeRegistration',
    'Mutation.startPasswordReset',
    'Mutation.completePasswordReset',
    'Mutation.refreshSession',
    'Mutation.staffLogin',
    'Mutation.startDeviceKeyLogin',
    'Mutation.loginWithDeviceKey',
    'Mutation.startPasskeyLogin',
    'Mutation.loginWithPasskey',
    'Mutation.loginWithMiniProgram',
  ],
  limits: ['Query.agreementTemplates', 'Query.agreementTemplate'],
};

const RULE_MESSAGE = '请先登录';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ gateway: false });
});
afterAll(() => platform.stop());

/** A value that passes coercion for `type`: the rule must refuse before any resolver looks at it. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  if (isScalarType(type)) {
    const samples: Record<string, unknown> = { Int: 1, Float: 1, Boolean: true, Decimal: '1.00', DateTime: '2026-11-20T00:00:00.000Z' };
    return samples[type.name] ?? 'sample';
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** An operation that calls one root field with its required arguments as variables. */
function operationFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const argumentsText = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type) as GraphQLNamedType) ? ' { __typename }' : '';
  return {
    document: `${operation}${declarations ? `(${declarations})` : ''} { ${field.name}${argumentsText ? `(${argumentsText})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type)])),
  };
}

function rootField(schema: GraphQLSchema, type: string, name: string) {
  const root = type === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[name];
  if (!field) throw new Error(`${type}.${name} missing from the built schema`);
  return field;
}

const refusedByRule = (error: { message: string; path?: (string | number)[]; extensions?: { code?: string } }, field: string) =>
  error.extensions?.code === 'UNAUTHENTICATED' && error.message === RULE_MESSAGE && error.path?.[0] === field;

describe.each(CENTERS)('%s center', (center) => {
  const typeDefs = centerTypeDefs(center);
  const schema = buildSubgraphSchema({ typeDefs });
  const points = entryPoints(typeDefs);

  test('marks exactly the reviewed fields @public', () => {
    const marked = points.filter((point) => point.public).map((point) => `${point.type}.${point.field}`);
    expect(marked.sort()).toEqual([...PUBLIC_ENTRY_POINTS[center]].sort());
  });

  const guardedRootFields = points.filter((point) => !point.public && point.field !== '__resolveReference');
  test.each(guardedRootFields.map((point) => [`${point.type}.${point.field}`, point] as const))(
    '%s refuses a caller without an identity',
    async (_name, point) => {
      const { document, variables } = operationFor(
        point.type === 'Query' ? 'query' : 'mutation',
        rootField(schema, point.type, point.field),
      );
      const { body } = await platform.callCenter<Record<string, unknown>>(center, document, { variables, as: 'anonymous' });
      expect(body.errors?.some((error) => refusedByRule(error, point.field))).toBe(true);
      expect(body.data?.[point.field] ?? null).toBeNull();
    },
  );

  const entities = points.filter((point) => point.field === '__resolveReference');
  const resolveEntity = (typename: string) =>
    platform.callCenter(center, `{ _entities(representations: [{ __typename: "${typename}", id: "any-id" }]) { __typename } }`, {
      as: 'anonymous',
    });
  const guardedEntities = entities.filter((point) => !point.public).map((point) => point.type);
  if (guardedEntities.length > 0) {
    test.each(guardedEntities)('the %s entity reference refuses a caller without an identity', async (typename) => {
      const { body } = await resolveEntity(typename);
      expect(body.errors?.some((error) => refusedByRule(error, '_entities'))).toBe(true);
      expect(body.data?._entities ?? null).toBeNull();
    });
  }
  const publicEntities = entities.filter((point) => point.public).map((point) => point.type);
  if (publicEntities.length > 0) {
    test.each(publicEntities)('the public %s entity reference answers an anonymous caller', async (typename) => {
      const { body } = await resolveEntity(typename);
      expect(body.errors?.some((error) => refusedByRule(error, '_entities')) ?? false).toBe(false);
    });
  }

  const publicQueries = points.filter((point) => point.public && point.type === 'Query');
  if (publicQueries.length > 0) {
    test.each(publicQueries.map((point) => point.field))('public Query.%s answers an anonymous caller', async (name) => {
      const { document, variables } = operationFor('query', rootField(schema, 'Query', name));
      const { body } = await platform.callCenter(center, document, { variables, as: 'anonymous' });
      expect(body.errors?.some((error) => refusedByRule(error, name)) ?? false).toBe(false);
    });
  }
});
