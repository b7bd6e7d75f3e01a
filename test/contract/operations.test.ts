import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate, GraphQLError, OperationDefinitionNode } from 'graphql';
import { apiSchemaOf } from '../../gateway/supergraph/apiSchema';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import {
  CHANNEL_MANIFESTS_DIRECTORY,
  OPERATIONS_DIRECTORY,
  OPERATION_FILE_NAME,
  documentId,
  operationNameOf,
  readChannelManifest,
  readChannelOperations,
  readOperationDocument,
} from '../../gateway/plugins/trustedDocuments/channelOperations';
import { CHANNELS } from '../../platform/identity/identity';

/**
 * Channel operations: one file per distinct text in schema/operations/, named by the channels'
 * manifests (schema/operations/channels/<CHANNEL>.json); every one stays valid against the
 * composed API schema.
 */
const apiSchema = apiSchemaOf(readSupergraph());
const files = readdirSync(OPERATIONS_DIRECTORY)
  .filter((file) => file.endsWith('.graphql'))
  .sort();
const textOf = (file: string) => readFileSync(join(OPERATIONS_DIRECTORY, file), 'utf8');
const manifests = CHANNELS.map((channel) => [channel, readChannelManifest(channel)] as const);

describe('the operations layout', () => {
  test('there are channel operations to check', () => {
    const listed = readChannelOperations().map((operation) => `${operation.channel} ${operation.file}`);
    expect(listed).toEqual(expect.arrayContaining(['MOBILE_APP HomeScreen.graphql', 'WEB AccountHistory.graphql']));
  });

  test('schema/operations/ holds operation files named Name.graphql, channels/, unreachable.json and README.md only', () => {
    const others = readdirSync(OPERATIONS_DIRECTORY).filter(
      (entry) =>
        !(
          entry === 'README.md' ||
          entry === 'unreachable.json' ||
          (entry === 'channels' && statSync(join(OPERATIONS_DIRECTORY, entry)).isDirectory()) ||
          OPERATION_FILE_NAME.test(entry)
        ),
    );
    expect(others).toEqual([]);
  });

  test('no two operation files hold the same text', () => {
    const filesById = new Map<string, string[]>();
    for (const file of files) {
      const id = documentId(textOf(file));
      filesById.set(id, [...(filesById.get(id) ?? []), file]);
    }
    expect([...filesById.values()].filter((same) => same.length > 1)).toEqual([]);
  });

  test('every channel has a manifest, and every manifest is a channel', () => {
    expect(readdirSync(CHANNEL_MANIFESTS_DIRECTORY).sort()).toEqual(CHANNELS.map((channel) => `${channel}.json`).sort());
  });

  test('each manifest is sorted and names a file once', () => {
    for (const [channel, listed] of manifests) expect([channel, listed]).toEqual([channel, [...new Set(listed)].sort()]);
  });

  test('every manifest entry is an operation file', () => {
    const missing = manifests.flatMap(([channel, listed]) =>
      listed.filter((file) => !files.includes(file)).map((file) => `${channel}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  test('every operation file is named by a channel manifest', () => {
    const listed = new Set(manifests.flatMap(([, channelFiles]) => channelFiles));
    expect(files.filter((file) => !listed.has(file))).toEqual([]);
  });

  test('a channel has at most one operation of each name', () => {
    for (const [channel, listed] of manifests) {
      const names = listed.filter((file) => files.includes(file)).map((file) => operationNameOf(textOf(file)));
      expect([channel, names.filter((name, index) => names.indexOf(name) !== index)]).toEqual([channel, []]);
    }
  });

  test('readOperationDocument gives each channel its own text of an operation, and throws for one it lacks', () => {
    expect(readOperationDocument('WEB', 'StartChallenge')).toBe(textOf('StartChallengeWithPasskey.graphql'));
    expect(readOperationDocument('MOBILE_APP', 'StartChallenge')).toBe(textOf('StartChallengeWithDeviceKey.graphql'));
    expect(readOperationDocument('WECHAT_MINI', 'StartChallenge')).toBe(textOf('StartChallenge.graphql'));
    expect(() => readOperationDocument('OPS', 'HomeScreen')).toThrow('channel OPS has no operation named HomeScreen');
  });
});

describe.each(files)('%s', (file) => {
  const document = textOf(file);

  test('parses and validates against the API schema', () => {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(apiSchema, parse(document));
    } catch (error) {
      errors = [error as GraphQLError];
    }
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  test('holds exactly one named operation, whose name begins the file name', () => {
    const definitions = parse(document).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
    );
    expect(definitions).toHaveLength(1);
    expect(definitions[0]?.name?.value).toBeTruthy();
    const name = definitions[0]!.name!.value;
    // `Name.graphql`, or `NameVariant.graphql` when channels run different texts under one name.
    expect(file).toMatch(new RegExp(`^${name}([A-Z][A-Za-z0-9]*)?\\.graphql$`));
    expect(operationNameOf(document)).toBe(name);
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
