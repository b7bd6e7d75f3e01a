import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATIONS_DIRECTORY, documentId } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { loadTrustedDocuments, trustedDocumentStore } from '../../gateway/plugins/trustedDocuments/documentStore';
import { createLogger } from '../../platform/observability/logger';

/** The checks a set of trusted documents passes before the gateway swaps it in. */
const copies: string[] = [];
afterAll(() => copies.forEach((copy) => rmSync(copy, { recursive: true, force: true })));

function copyOfOperations(): string {
  const root = mkdtempSync(join(tmpdir(), 'operations-'));
  copies.push(root);
  const directory = join(root, 'operations');
  cpSync(OPERATIONS_DIRECTORY, directory, { recursive: true });
  return directory;
}
const addToManifest = (directory: string, channel: string, file: string) => {
  const path = join(directory, 'channels', `${channel}.json`);
  writeFileSync(path, JSON.stringify([...(JSON.parse(readFileSync(path, 'utf8')) as string[]), file]));
};

test('the committed set loads, every channel with its documents by id', () => {
  const set = loadTrustedDocuments();
  const homeScreen = readFileSync(join(OPERATIONS_DIRECTORY, 'HomeScreen.graphql'), 'utf8');
  expect(set.byChannel.get('MOBILE_APP')!.get(documentId(homeScreen))?.operationName).toBe('HomeScreen');
  expect(set.anyChannel.get(documentId(homeScreen))?.file).toBe('HomeScreen.graphql');
  expect(set.byChannel.size).toBe(6);
});

test.each([
  ['a channel without a manifest', (directory: string) => rmSync(join(directory, 'channels', 'OPS.json')), 'channel OPS has no manifest'],
  [
    'a manifest that is not a list of file names',
    (directory: string) => writeFileSync(join(directory, 'channels', 'WEB.json'), '{"a": 1}'),
    'expected a JSON array',
  ],
  [
    'a named file that is missing',
    (directory: string) => addToManifest(directory, 'WEB', 'Missing.graphql'),
    'names Missing.graphql, which is not in',
  ],
  [
    'a document that does not parse',
    (directory: string) => {
      writeFileSync(join(directory, 'Broken.graphql'), 'query Broken { me { ');
      addToManifest(directory, 'WEB', 'Broken.graphql');
    },
    'Broken.graphql does not parse',
  ],
  [
    'a document without a named operation',
    (directory: string) => {
      writeFileSync(join(directory, 'Anonymous.graphql'), '{ me { id } }');
      addToManifest(directory, 'WEB', 'Anonymous.graphql');
    },
    'Anonymous.graphql must hold exactly one named operation',
  ],
  [
    'two operations of one name on a channel',
    (directory: string) => {
      writeFileSync(join(directory, 'HomeScreenAgain.graphql'), 'query HomeScreen { me { id } }');
      addToManifest(directory, 'WEB', 'HomeScreenAgain.graphql');
    },
    'channel WEB lists two operations named HomeScreen',
  ],
])('%s is refused, and a store keeps its previous set', (_case, breakIt, message) => {
  const directory = copyOfOperations();
  const store = trustedDocumentStore({ directory, log: createLogger('gateway') });
  const before = store.current();
  breakIt(directory);
  expect(() => loadTrustedDocuments(directory)).toThrow(message);
  expect(store.reload()).toBe(false);
  expect(store.current()).toBe(before);
  store.close();
});

test('a store swaps in a changed set and ignores an unchanged one', () => {
  const directory = copyOfOperations();
  const store = trustedDocumentStore({ directory, log: createLogger('gateway') });
  expect(store.reload()).toBe(false);
  const text = 'query OnlyOps {\n  riskRules {\n    version\n  }\n}\n';
  writeFileSync(join(directory, 'OnlyOps.graphql'), text);
  addToManifest(directory, 'OPS', 'OnlyOps.graphql');
  expect(store.reload()).toBe(true);
  expect(store.current().byChannel.get('OPS')!.get(documentId(text))?.operationName).toBe('OnlyOps');
  expect(store.current().byChannel.get('WEB')!.has(documentId(text))).toBe(false);
  store.close();
});
