/** The channels' trusted operations: `schema/operations/<CHANNEL>/*.graphql`. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, ChannelName } from '../subgraphs/kit/identity';
import { projectRoot } from '../subgraphs/kit/paths';

export const OPERATIONS_DIRECTORY = join(projectRoot, 'schema', 'operations');

export interface ChannelOperation {
  channel: ChannelName;
  file: string;
  document: string;
}

export function readChannelOperations(): ChannelOperation[] {
  return CHANNELS.flatMap((channel) => {
    const directory = join(OPERATIONS_DIRECTORY, channel);
    if (!existsSync(directory)) return [];
    return readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => ({ channel, file: `${channel}/${file}`, document: readFileSync(join(directory, file), 'utf8') }));
  });
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
    const operationName = /\b(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(operation.document)?.[1] ?? operation.file;
    const channelDocuments = manifest.get(operation.channel) ?? new Map<string, TrustedDocument>();
    channelDocuments.set(id, { id, channel: operation.channel, file: operation.file, operationName, document: operation.document });
    manifest.set(operation.channel, channelDocuments);
  }
  return manifest;
}
