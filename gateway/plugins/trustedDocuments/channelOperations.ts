/**
 * The channels' trusted operations. Each distinct operation text is one file,
 * `schema/operations/<Name>.graphql`; `schema/operations/channels/<CHANNEL>.json` is the sorted
 * JSON array of the files that channel may run. A document's id is the sha256 of its file's exact
 * text, which is what channel apps send in production: a shipped file's bytes never change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, ChannelName } from '../../../platform/identity/identity';
import { projectRoot } from '../../../platform/paths';

export const OPERATIONS_DIRECTORY = join(projectRoot, 'schema', 'operations');

/** One manifest per channel, `<CHANNEL>.json`: the operation files (names in OPERATIONS_DIRECTORY) it may run. */
export const CHANNEL_MANIFESTS_DIRECTORY = join(OPERATIONS_DIRECTORY, 'channels');

/** An operation file's name: a plain `Name.graphql` directly in OPERATIONS_DIRECTORY. */
export const OPERATION_FILE_NAME = /^[A-Za-z_][A-Za-z0-9_]*\.graphql$/;

export interface ChannelOperation {
  channel: ChannelName;
  /** The file's name in OPERATIONS_DIRECTORY, e.g. `HomeScreen.graphql`. */
  file: string;
  document: string;
}

/**
 * The operation files a channel may run, in its manifest's order; none when it has no manifest.
 * `directory` is the operations directory (default schema/operations; a gateway may serve another).
 */
export function readChannelManifest(channel: ChannelName, directory = OPERATIONS_DIRECTORY): string[] {
  const path = join(directory, 'channels', `${channel}.json`);
  if (!existsSync(path)) return [];
  const files: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(files) || !files.every((file): file is string => typeof file === 'string' && OPERATION_FILE_NAME.test(file))) {
    throw new Error(`${path}: expected a JSON array of operation file names (Name.graphql)`);
  }
  return files;
}

/** Reads each operation file once, however many channels list it. */
function operationReader(directory = OPERATIONS_DIRECTORY): (channel: ChannelName, file: string) => ChannelOperation {
  const documents = new Map<string, string>();
  return (channel, file) => {
    let document = documents.get(file);
    if (document === undefined) {
      const path = join(directory, file);
      if (!existsSync(path)) throw new Error(`channels/${channel}.json names ${file}, which is not in ${directory}`);
      document = readFileSync(path, 'utf8');
      documents.set(file, document);
    }
    return { channel, file, document };
  };
}

/** Every channel's operations, one entry per channel and file its manifest lists. */
export function readChannelOperations(directory = OPERATIONS_DIRECTORY): ChannelOperation[] {
  const read = operationReader(directory);
  return CHANNELS.flatMap((channel) => readChannelManifest(channel, directory).map((file) => read(channel, file)));
}

/** The name of the (first) operation a document defines, if it names one. */
export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1];
}

/**
 * The exact text a channel runs for an operation name — which file that is may differ per channel
 * (e.g. `StartChallenge`). Throws when the channel has no such operation.
 */
export function readOperationDocument(channel: ChannelName, operationName: string): string {
  const read = operationReader();
  const matches = readChannelManifest(channel)
    .map((file) => read(channel, file))
    .filter((operation) => operationNameOf(operation.document) === operationName);
  if (matches.length === 0) throw new Error(`channel ${channel} has no operation named ${operationName}`);
  if (matches.length > 1)
    throw new Error(`channel ${channel} lists several operations named ${operationName}: ${matches.map((match) => match.file).join(', ')}`);
  return matches[0]!.document;
}

/** sha256 (hex) of a document's exact text: the operation id channel apps send in production. */
export function documentId(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

export interface TrustedDocument {
  id: string;
  channel: ChannelName;
  file: string;
  operationName: string;
  document: string;
}

/** Every channel's trusted documents, keyed by id per channel. */
export function buildTrustedDocumentManifest(operations = readChannelOperations()): Map<ChannelName, Map<string, TrustedDocument>> {
  const manifest = new Map<ChannelName, Map<string, TrustedDocument>>();
  for (const operation of operations) {
    const id = documentId(operation.document);
    const operationName = operationNameOf(operation.document) ?? operation.file;
    const channelDocuments = manifest.get(operation.channel) ?? new Map<string, TrustedDocument>();
    channelDocuments.set(id, { id, channel: operation.channel, file: operation.file, operationName, document: operation.document });
    manifest.set(operation.channel, channelDocuments);
  }
  return manifest;
}
