/**
 * The cache key: the document, the operation, the variables and the caller's channel — the
 * channel because `products` without `filter.channel` lists what the caller's channel may sell
 * (staff on OPS see every channel's products). Nothing else about the caller changes a catalogue
 * answer, so signed-in and anonymous callers of one channel share entries. The schema is part of
 * the key: after a supergraph reload, answers planned on the old schema are not served.
 */
import { createHash } from 'node:crypto';
import { GraphQLSchema, printSchema } from 'graphql';

const schemaIds = new WeakMap<GraphQLSchema, string>();

function schemaId(schema: GraphQLSchema): string {
  let id = schemaIds.get(schema);
  if (!id) {
    id = createHash('sha256').update(printSchema(schema)).digest('hex').slice(0, 16);
    schemaIds.set(schema, id);
  }
  return id;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` give one key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([name, entry]) => `${JSON.stringify(name)}:${stableJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface CacheKeyParts {
  schema: GraphQLSchema;
  /** sha256 of the query text (Apollo's `queryHash`). */
  queryHash: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  channel: string;
}

export function responseCacheKey(parts: CacheKeyParts): string {
  const material = stableJson([schemaId(parts.schema), parts.queryHash, parts.operationName ?? null, parts.variables ?? {}, parts.channel]);
  return createHash('sha256').update(material).digest('hex');
}
