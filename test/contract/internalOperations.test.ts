/**
 * The internal API each center publishes (`subgraphs/<center>/client/operations.graphql`): every
 * operation is named and valid against that center's schema, and the committed typed documents
 * (`operations.generated.ts`, what the clients run on) are what code generation makes of them now.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { buildASTSchema, FieldNode, Kind, OperationDefinitionNode, parse, validate, visit } from 'graphql';
import { CENTERS } from '../../platform/centers';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const PUBLISHING = CENTERS.filter((center) => existsSync(join(root, `subgraphs/${center}/client/operations.graphql`)));

function schemaOf(center: string) {
  const sdl = [
    read(`subgraphs/${center}/schema.graphql`),
    read('subgraphs/kit/schema/shared.graphql'),
    read('subgraphs/kit/schema/codegen-directives.graphql'),
  ].join('\n');
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

const operationsOf = (center: string) => parse(read(`subgraphs/${center}/client/operations.graphql`));

test('every center that others call publishes its operations', () => {
  expect(PUBLISHING.sort()).toEqual(['account', 'auth', 'finance', 'life', 'limits', 'marketing', 'product', 'user']);
});

test.each(PUBLISHING)("%s: every operation is named, unique and valid against the center's schema", (center) => {
  const document = operationsOf(center);
  expect(validate(schemaOf(center), document)).toEqual([]);
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  expect(operations.length).toBeGreaterThan(0);
  const names = operations.map((operation) => operation.name?.value);
  expect(names.every(Boolean)).toBe(true);
  expect(new Set(names).size).toBe(names.length);
});

test("the payee's holder name does not travel to finance: only the paying account's does", () => {
  const transferParties = operationsOf('account').definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === 'TransferParties',
  )!;
  const holderNameParents: string[] = [];
  const path: string[] = [];
  visit(transferParties, {
    Field: {
      enter(field: FieldNode) {
        if (field.name.value === 'holderName') holderNameParents.push(path.join('.'));
        path.push(field.name.value);
      },
      leave() {
        path.pop();
      },
    },
  });
  expect(holderNameParents).toEqual(['transferParties.source']);
});

test('the committed typed documents are what code generation makes of the operations now', async () => {
  // The generator's CLI (ES modules) does not load under Jest, so it runs as its own process.
  const check = await new Promise<{ code: number; output: string }>((resolve) =>
    execFile(
      join(root, 'node_modules/.bin/graphql-codegen'),
      ['--config', 'codegen.ts', '--check'],
      { cwd: root },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    ),
  );
  // Stale: `npm run generate` rewrites the files; commit the result.
  expect(check).toEqual({ code: 0, output: expect.not.stringContaining('stale') });
}, 60_000);
