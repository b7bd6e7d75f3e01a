import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequest } from './requestScope';

/**
 * Copies what Apollo learns about a request (operation name and type) into the request record,
 * for the access log line and the metrics labels written when the response ends.
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
        },
      };
    },
  };
}
