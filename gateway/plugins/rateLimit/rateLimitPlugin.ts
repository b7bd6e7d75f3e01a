/**
 * Rate limits that need the parsed operation and the caller: per customer, per channel, per
 * operation, and the strict ones for sign-in, SMS and money movement. Runs once the operation
 * is resolved, before the gateway plans or calls anything.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../../../platform/errors';
import { currentRequest } from '../../../platform/observability/requestScope';
import type { GatewayContext } from '../../context';
import type { GatewayMetrics } from '../observability/gatewayMetrics';
import type { RateCheck, RateLimiter } from './limiter';
import { RootFieldCoordinate, rootFieldCoordinate } from './sensitiveFields';

export interface RateLimitPluginOptions {
  limiter: RateLimiter;
  /** The root fields marked `@sensitive` in the supergraph now served (`sensitiveRootFieldsOf`). */
  sensitiveFields: () => ReadonlySet<RootFieldCoordinate>;
  metrics: GatewayMetrics;
}

export function rateLimitPlugin(options: RateLimitPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, operationName }) {
          if (!operation) return;
          const { identity } = contextValue;
          const caller = identity.userId ? `customer:${identity.userId}` : `address:${currentRequest()?.clientAddress ?? 'unknown'}`;
          // The channel's counter is shared; the others are the caller's own (one hash slot on a Redis Cluster).
          const checks: RateCheck[] = [['channel', identity.channel]];
          if (identity.userId) checks.push(['customer', identity.userId, caller]);
          checks.push(['operation', `${caller}:${operationName ?? 'anonymous'}`, caller]);
          const sensitive = options.sensitiveFields();
          for (const field of rootFields(operation)) {
            // Matched by field, never by the client's operation name. Keyed by address before sign-in:
            // a password-spraying client rotates the customer it targets.
            if (sensitive.has(rootFieldCoordinate(operation.operation, field))) checks.push(['sensitive', `${caller}:${field}`, caller]);
          }
          // In order, stopping at the first refusal, in one Redis round trip for all of them (two on a cluster).
          const decision = await options.limiter.consumeAll(checks);
          if (!decision.allowed) {
            options.metrics.rateLimited.inc({ bucket: decision.bucket });
            throw rateLimited(decision.retryAfterSeconds);
          }
        },
      };
    },
  };
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('请求过于频繁，请稍后再试', {
    extensions: {
      code: ErrorCode.RateLimited,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
}
