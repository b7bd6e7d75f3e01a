import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { scrubText } from './redaction';
import { currentRequest } from './requestScope';

/**
 * Copies what Apollo learns about a request (operation name and type) into the request record,
 * for the access log line and the metrics labels written when the response ends, and onto the
 * request's server span when it is recorded (GraphQL semantic conventions).
 */
export function requestRecordPlugin<Context extends BaseContext>(
  channelOf?: (context: Context) => string | undefined,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const record = currentRequest();
      if (record && channelOf) record.channel = channelOf(contextValue) ?? record.channel;
      return {
        async didResolveOperation({ operationName, operation }) {
          if (!record) return;
          record.operationName = operationName ?? undefined;
          record.operationType = operation?.operation;
          const span = trace.getSpan(record.traceContext);
          if (span?.isRecording()) {
            // A client-chosen name: scrubbed as on the access line (a number or token in it is masked).
            if (record.operationName) span.setAttribute('graphql.operation.name', scrubText(record.operationName.slice(0, 128)));
            if (record.operationType) span.setAttribute('graphql.operation.type', record.operationType);
          }
        },
      };
    },
  };
}
