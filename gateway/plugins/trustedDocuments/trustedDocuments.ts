/**
 * Trusted documents per channel. In production a channel runs only the operations its own
 * manifest names (`schema/operations/channels/<CHANNEL>.json`, read by channelOperations.ts), sent
 * by id — as `documentId`, `id`, or Apollo's automatic-persisted-query shape
 * `extensions.persistedQuery.sha256Hash`. An unknown id is
 * `PERSISTED_QUERY_NOT_FOUND`; any other document is `OPERATION_NOT_ALLOWED`. This runs on the
 * raw body, before parsing: an attacker's document is never even lexed. A GET request reaches it as
 * the same object (platform/http/getRequest.ts), so `GET /graphql?query=…` is refused like a POST.
 * In development any document runs, and ids from any channel's manifest resolve too. The set of
 * documents comes from `documents()` on every request (documentStore.ts swaps it on reload).
 */
import type { ChannelName } from '../../../platform/identity/identity';
import { ErrorCode } from '../../../platform/errors';
import { Admission, refusal } from '../../../platform/http/server';
import { TrustedDocument, documentId } from './channelOperations';
import { TrustedDocumentSet, loadTrustedDocuments } from './documentStore';

export interface TrustedDocumentsOptions {
  /** Refuse anything outside the calling channel's manifest. Default: production. */
  enforce: boolean;
  /** The set serving now; default: schema/operations as read once. */
  documents?: () => TrustedDocumentSet;
}

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  id?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

export type TrustedDocumentResolver = (channel: ChannelName | undefined, body: unknown) => Admission;

export function trustedDocuments(options: TrustedDocumentsOptions): TrustedDocumentResolver {
  const fixed = options.documents ? undefined : loadTrustedDocuments();
  const documents = options.documents ?? (() => fixed!);

  return (channel, body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body };
    const request = body as GraphQLBody;
    // One look-up per request: a reload swapping the set in between cannot mix two sets.
    const { byChannel, anyChannel } = documents();
    const known = options.enforce ? (channel && byChannel.get(channel)) || new Map<string, TrustedDocument>() : anyChannel;
    const id = requestedId(request);
    if (id !== undefined) {
      const trusted = known.get(id);
      if (trusted) return { body: withDocument(request, trusted) };
      // Development keeps Apollo's own automatic persisted queries for ids it does not know.
      if (!options.enforce) return { body };
      return { respond: refusal(400, ErrorCode.PersistedQueryNotFound, '未找到该操作，请升级客户端') };
    }
    if (!options.enforce) return { body };
    // The exact text of a trusted document is as good as its id.
    if (typeof request.query === 'string' && known.has(documentId(request.query))) return { body };
    return { respond: refusal(400, ErrorCode.OperationNotAllowed, '该渠道不允许执行此操作') };
  };
}

function requestedId(request: GraphQLBody): string | undefined {
  const raw = request.documentId ?? request.id ?? request.extensions?.persistedQuery?.sha256Hash;
  if (typeof raw !== 'string') return undefined;
  return raw.startsWith('sha256:') ? raw.slice(7) : raw;
}

function withDocument(request: GraphQLBody, trusted: TrustedDocument): GraphQLBody {
  const { persistedQuery: _apq, ...extensions } = request.extensions ?? {};
  const { documentId: _documentId, id: _id, ...rest } = request;
  return { ...rest, query: trusted.document, operationName: trusted.operationName, extensions };
}
