/**
 * Serves repeated catalogue queries from the response cache. An operation is looked up only when
 * every field it selects is public catalogue data (catalogueScope); its answer is stored only
 * when, in addition, it has no errors and every subgraph fetch behind it said so with a public
 * `cache-control` hint (the gateway folds those headers into the request's cache policy). The
 * TTL is the smaller of the configured one and the hints' max-age. Rate limits and admission
 * still run first: a hit skips only planning and the subgraph calls.
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { Counter, Registry } from 'prom-client';
import type { Logger } from '../../../platform/observability/logger';
import type { GatewayContext } from '../../context';
import { CatalogueScope, PUBLIC_CATALOGUE, isCatalogueOnly } from './catalogueScope';
import { responseCacheKey } from './cacheKey';
import type { ResponseCacheStore } from './cacheStore';

export interface ResponseCachePluginOptions {
  store: ResponseCacheStore;
  /** Longest time an answer is kept; default 60 s (subgraph hints may shorten it). */
  ttlSeconds?: number;
  scope?: CatalogueScope;
  log: Logger;
  /** Registry for `bank_gateway_response_cache_total`. */
  registry?: Registry;
}

export const CACHE_STATUS_HEADER = 'x-cache';

interface Stored {
  data: Record<string, unknown>;
  maxAge: number;
}

type Outcome = 'hit' | 'miss' | 'stored' | 'error';

export function responseCachePlugin(options: ResponseCachePluginOptions): ApolloServerPlugin<GatewayContext> {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const scope = options.scope ?? PUBLIC_CATALOGUE;
  const counter = new Counter({
    name: 'bank_gateway_response_cache_total',
    help: 'Catalogue response cache lookups and stores by outcome (hit, miss, stored, error)',
    labelNames: ['service', 'outcome'],
    registers: options.registry ? [options.registry] : [],
  });
  const count = (outcome: Outcome) => counter.inc({ outcome });
  // Apollo hands every request of a cached document the same parsed document and schema objects,
  // so the static scope check runs once per (schema, document, operation), not once per request.
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, WeakMap<OperationDefinitionNode, boolean>>>();
  const catalogueOnly = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean => {
    let bySchema = verdicts.get(schema);
    if (!bySchema) verdicts.set(schema, (bySchema = new WeakMap()));
    let byDocument = bySchema.get(document);
    if (!byDocument) bySchema.set(document, (byDocument = new WeakMap()));
    let verdict = byDocument.get(operation);
    if (verdict === undefined) byDocument.set(operation, (verdict = isCatalogueOnly(schema, document, operation, scope)));
    return verdict;
  };

  return {
    async requestDidStart() {
      let key: string | undefined;
      let generation: string | undefined;
      let hit = false;

      const eligible = (context: GraphQLRequestContext<GatewayContext>) =>
        context.document !== undefined &&
        context.operation !== undefined &&
        catalogueOnly(context.schema, context.document, context.operation);

      return {
        async responseForOperation(context) {
          if (!eligible(context)) return null;
          key = responseCacheKey({
            schema: context.schema,
            queryHash: context.queryHash ?? '',
            operationName: context.operationName,
            variables: context.request.variables,
            channel: context.contextValue.identity.channel,
          });
          try {
            const lookup = await options.store.get(key);
            generation = lookup.generation;
            if (lookup.value === undefined) {
              count('miss');
              return null;
            }
            const stored = JSON.parse(lookup.value) as Stored;
            hit = true;
            count('hit');
            context.overallCachePolicy.replace({ maxAge: stored.maxAge, scope: 'PUBLIC' });
            return {
              body: { kind: 'single', singleResult: { data: stored.data } },
              http: { status: undefined, headers: new HeaderMap([[CACHE_STATUS_HEADER, 'hit']]) },
            };
          } catch (error) {
            // A cache that cannot answer is a miss, never a failed request; nothing is stored.
            count('error');
            options.log.warn({ err: (error as Error).message }, 'response cache lookup failed');
            key = undefined;
            return null;
          }
        },
        async willSendResponse(context) {
          if (hit || key === undefined || generation === undefined) return;
          context.response.http.headers.set(CACHE_STATUS_HEADER, 'miss');
          const body = context.response.body;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          const policy = context.overallCachePolicy.policyIfCacheable();
          if (!policy || policy.scope !== 'PUBLIC') return;
          const maxAge = Math.min(ttlSeconds, policy.maxAge);
          const stored: Stored = { data: body.singleResult.data, maxAge };
          try {
            await options.store.set(key, JSON.stringify(stored), maxAge, generation);
            count('stored');
          } catch (error) {
            count('error');
            options.log.warn({ err: (error as Error).message }, 'response cache store failed');
          }
        },
      };
    },
  };
}
