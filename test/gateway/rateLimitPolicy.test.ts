/**
 * The strict rate-limit bucket counts the root fields the centers mark `@sensitive`, read from the
 * committed supergraph as the gateway reads it: every mark is on a public mutation, every public
 * mutation that moves money or opens credit (its input carries an idempotencyKey) is marked, and so
 * is every sign-in step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLInputObjectType, GraphQLObjectType, buildSchema, getNamedType, parse } from 'graphql';
import { sensitiveRootFields } from '../../gateway/plugins/rateLimit';

const supergraphSdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const sensitive = sensitiveRootFields(supergraphSdl);

/** Public mutation fields: the ones not marked @inaccessible in the supergraph. */
function publicMutations(): Set<string> {
  const mutation = parse(supergraphSdl).definitions.find(
    (definition) => definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Mutation',
  );
  if (!mutation || mutation.kind !== 'ObjectTypeDefinition') throw new Error('no Mutation type');
  return new Set(
    (mutation.fields ?? [])
      .filter((field) => !field.directives?.some((directive) => directive.name.value === 'inaccessible'))
      .map((field) => `Mutation.${field.name.value}`),
  );
}

test('the @sensitive marks survive composition into the committed supergraph', () => {
  expect(sensitive.size).toBeGreaterThan(20);
});

test('every sensitive field is a public mutation of the composed schema', () => {
  const mutations = publicMutations();
  expect([...sensitive].filter((field) => !mutations.has(field))).toEqual([]);
});

test('every sign-in step and step-up is sensitive', () => {
  const signIn = [
    'login',
    'staffLogin',
    'refreshSession',
    'verifyNewDevice',
    'resendNewDeviceCode',
    'loginWithDeviceKey',
    'startRegistration',
    'completeRegistration',
  ];
  const stepUp = ['startChallenge', 'verifyChallenge', 'setTransactionPin'];
  expect([...signIn, ...stepUp].map((field) => `Mutation.${field}` as const).filter((field) => !sensitive.has(field))).toEqual([]);
});

test('every public mutation with an idempotency key (money, credit) is rate limited as sensitive', () => {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const mutationType = schema.getMutationType() as GraphQLObjectType;
  const mutations = publicMutations();
  const keyed = Object.values(mutationType.getFields())
    .map((field) => ({ field, coordinate: `Mutation.${field.name}` as const }))
    .filter(({ coordinate }) => mutations.has(coordinate))
    .filter(({ field }) =>
      field.args.some((arg) => {
        const type = getNamedType(arg.type);
        return type instanceof GraphQLInputObjectType && 'idempotencyKey' in type.getFields();
      }),
    )
    .map(({ coordinate }) => coordinate);
  expect(keyed.length).toBeGreaterThan(5);
  expect(keyed.filter((field) => !sensitive.has(field))).toEqual([]);
});
