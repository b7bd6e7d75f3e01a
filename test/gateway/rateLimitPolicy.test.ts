/**
 * The stricter rate-limit bucket is matched by root field name, so the list must follow the schema:
 * every name in it is a public mutation of the composed supergraph, and every public mutation that
 * moves money or opens credit (its input carries an idempotencyKey) is in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLInputObjectType, GraphQLObjectType, buildSchema, getNamedType, parse } from 'graphql';
import { SENSITIVE_FIELDS } from '../../gateway/plugins/rateLimit';

const supergraphSdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

/** Public mutation fields: the ones not marked @inaccessible in the supergraph. */
function publicMutations(): Set<string> {
  const mutation = parse(supergraphSdl).definitions.find(
    (definition) => definition.kind === 'ObjectTypeDefinition' && definition.name.value === 'Mutation',
  );
  if (!mutation || mutation.kind !== 'ObjectTypeDefinition') throw new Error('no Mutation type');
  return new Set(
    (mutation.fields ?? [])
      .filter((field) => !field.directives?.some((directive) => directive.name.value === 'inaccessible'))
      .map((field) => field.name.value),
  );
}

test('every sensitive field is a public mutation of the composed schema', () => {
  const mutations = publicMutations();
  expect(SENSITIVE_FIELDS.filter((field) => !mutations.has(field))).toEqual([]);
});

test('every public mutation with an idempotency key (money, credit) is rate limited as sensitive', () => {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const mutationType = schema.getMutationType() as GraphQLObjectType;
  const mutations = publicMutations();
  const keyed = Object.values(mutationType.getFields())
    .filter((field) => mutations.has(field.name))
    .filter((field) =>
      field.args.some((arg) => {
        const type = getNamedType(arg.type);
        return type instanceof GraphQLInputObjectType && 'idempotencyKey' in type.getFields();
      }),
    )
    .map((field) => field.name);
  expect(keyed.length).toBeGreaterThan(5);
  expect(keyed.filter((field) => !SENSITIVE_FIELDS.includes(field))).toEqual([]);
});
