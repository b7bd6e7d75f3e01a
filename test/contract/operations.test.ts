import { parse, validate, GraphQLError, OperationDefinitionNode } from 'graphql';
import { apiSchemaOf } from '../../gateway/apiSchema';
import { readSupergraph } from '../../gateway/supergraph';
import { readChannelOperations } from '../../scripts/operations';

/** Every channel's operations must stay valid against the composed API schema. */
const apiSchema = apiSchemaOf(readSupergraph());
const operations = readChannelOperations();

test('there are channel operations to check', () => {
  expect(operations.map((operation) => operation.file)).toEqual(
    expect.arrayContaining(['MOBILE_APP/HomeScreen.graphql', 'WEB/AccountHistory.graphql']),
  );
});

describe.each(operations.map((operation) => [operation.file, operation] as const))('%s', (_file, operation) => {
  test('parses and validates against the API schema', () => {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(apiSchema, parse(operation.document));
    } catch (error) {
      errors = [error as GraphQLError];
    }
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  test('holds exactly one named operation', () => {
    const definitions = parse(operation.document).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
    );
    expect(definitions).toHaveLength(1);
    expect(definitions[0]?.name?.value).toBeTruthy();
  });
});

test('internal (@inaccessible) fields are not part of the API schema', () => {
  const query = apiSchema.getQueryType()!.getFields();
  expect(query.customerRiskProfile).toBeUndefined();
  expect(query.customerAccountClasses).toBeUndefined();
  expect(query.me).toBeDefined();
});

test('the API schema has no Float anywhere', () => {
  const floats = Object.values(apiSchema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && 'getFields' in type)
    .flatMap((type) =>
      Object.values((type as { getFields(): Record<string, { name: string; type: unknown }> }).getFields())
        .filter((field) => String(field.type).replace(/[[\]!]/g, '') === 'Float')
        .map((field) => `${type.name}.${field.name}`),
    );
  expect(floats).toEqual([]);
});
