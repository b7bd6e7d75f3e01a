/**
 * The gateway's current set of trusted documents, and how it changes without a restart — as the
 * supergraph does (gateway/supergraph/supergraphSource.ts): when a manifest or an operation file
 * changes (watched), or `reload()` is called (SIGHUP), the whole set is read again, checked, and
 * swapped in with one assignment. A request looks the set up once, so it sees the old set or the new
 * one, never a mix. A set that fails its checks (a manifest that is not a JSON array of file names, a
 * channel without a manifest, a named file that is missing or holds no single named operation, two
 * operations of one name on a channel) is logged and the old set keeps serving.
 */
import { FSWatcher, existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import type { Counter } from 'prom-client';
import { CHANNELS, ChannelName } from '../../../platform/identity/identity';
import type { Logger } from '../../../platform/observability/logger';
import { OPERATIONS_DIRECTORY, TrustedDocument, buildTrustedDocumentManifest, readChannelOperations } from './channelOperations';

export interface TrustedDocumentSet {
  /** Per channel, its documents by id. */
  byChannel: Map<ChannelName, Map<string, TrustedDocument>>;
  /** Every channel's documents by id (development resolves any channel's ids). */
  anyChannel: Map<string, TrustedDocument>;
}

/** Reads and checks every channel's manifest and documents under `directory`; throws on anything wrong. */
export function loadTrustedDocuments(directory = OPERATIONS_DIRECTORY): TrustedDocumentSet {
  for (const channel of CHANNELS) {
    if (!existsSync(join(directory, 'channels', `${channel}.json`)))
      throw new Error(`channel ${channel} has no manifest in ${directory}/channels`);
  }
  const operations = readChannelOperations(directory);
  const names = new Map<string, string>();
  // Each file is parsed once, however many channels list it.
  const nameOfFile = new Map<string, string>();
  const operationNameIn = (file: string, document: string): string => {
    let definitions;
    try {
      definitions = parse(document).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    } catch (error) {
      throw new Error(`${file} does not parse: ${(error as Error).message}`, { cause: error });
    }
    const name = definitions.length === 1 ? definitions[0]!.name?.value : undefined;
    if (!name) throw new Error(`${file} must hold exactly one named operation`);
    return name;
  };
  for (const operation of operations) {
    const name = nameOfFile.get(operation.file) ?? operationNameIn(operation.file, operation.document);
    nameOfFile.set(operation.file, name);
    const other = names.get(`${operation.channel} ${name}`);
    if (other !== undefined && other !== operation.file) {
      throw new Error(`channel ${operation.channel} lists two operations named ${name}: ${other}, ${operation.file}`);
    }
    names.set(`${operation.channel} ${name}`, operation.file);
  }
  return trustedDocumentSet(buildTrustedDocumentManifest(operations));
}

export function trustedDocumentSet(byChannel: Map<ChannelName, Map<string, TrustedDocument>>): TrustedDocumentSet {
  const anyChannel = new Map<string, TrustedDocument>();
  for (const documents of byChannel.values()) for (const [id, document] of documents) anyChannel.set(id, document);
  return { byChannel, anyChannel };
}

/** What a set holds, to tell a real change from a touched file: channel and id of every document. */
function fingerprint(set: TrustedDocumentSet): string {
  return [...set.byChannel]
    .flatMap(([channel, documents]) => [...documents.keys()].map((id) => `${channel}:${id}`))
    .sort()
    .join(',');
}

export interface TrustedDocumentStoreOptions {
  /** The operations directory: `<Name>.graphql` files and `channels/<CHANNEL>.json`. Default schema/operations. */
  directory?: string;
  /** Reload when a file in the directory or its channels/ changes. */
  watch?: boolean;
  log: Logger;
  reloads?: Counter<'service' | 'outcome'>;
}

export interface TrustedDocumentStore {
  /** The set serving now. */
  current(): TrustedDocumentSet;
  /** Reads the directory again and swaps the new set in; false (the old set serving) when it is unchanged or fails its checks. */
  reload(): boolean;
  close(): void;
}

/** Loads the set at once (throwing when the first one is bad: the gateway does not start without it). */
export function trustedDocumentStore(options: TrustedDocumentStoreOptions): TrustedDocumentStore {
  const directory = options.directory ?? OPERATIONS_DIRECTORY;
  let current = loadTrustedDocuments(directory);
  let currentFingerprint = fingerprint(current);
  let debounce: NodeJS.Timeout | undefined;

  const reload = (): boolean => {
    let next: TrustedDocumentSet;
    try {
      next = loadTrustedDocuments(directory);
    } catch (error) {
      options.reloads?.inc({ outcome: 'failed' });
      options.log.error({ err: error }, 'trusted documents reload failed; the previous set keeps serving');
      return false;
    }
    const nextFingerprint = fingerprint(next);
    if (nextFingerprint === currentFingerprint) return false;
    current = next;
    currentFingerprint = nextFingerprint;
    options.reloads?.inc({ outcome: 'ok' });
    const counts = Object.fromEntries([...next.byChannel].map(([channel, documents]) => [channel, documents.size]));
    options.log.info({ documents: counts }, 'trusted documents reloaded');
    return true;
  };

  // Watch both folders (Linux has no recursive watch on Node 20): editors and deploys replace files
  // rather than write into them, and a Kubernetes ConfigMap swaps a symlink, so any event reloads.
  const watchers: FSWatcher[] = [];
  if (options.watch) {
    const schedule = () => {
      clearTimeout(debounce);
      debounce = setTimeout(reload, 100);
    };
    for (const folder of [directory, join(directory, 'channels')]) watchers.push(watch(folder, schedule));
  }

  return {
    current: () => current,
    reload,
    close: () => {
      clearTimeout(debounce);
      for (const watcher of watchers) watcher.close();
    },
  };
}
