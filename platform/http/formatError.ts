import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../errors';
import type { Logger } from '../observability/logger';
import { currentRequest } from '../observability/requestScope';

/**
 * Errors the platform raises on purpose (with a code of the `ErrorCode` contract, or Apollo's
 * own validation codes) pass through. Anything else is a bug or an outage: it is logged in full
 * and, outside development, the client sees only a generic message — never a stack or SQL text.
 */
export function createErrorFormatter(options: { production: boolean; log: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    currentRequest()?.errorCodes.add(typeof code === 'string' ? code : ErrorCode.InternalServerError);
    if (code && code !== ErrorCode.InternalServerError) {
      if (!options.production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    options.log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    if (!options.production) return formatted;
    return {
      message: '系统繁忙，请稍后再试',
      path: formatted.path,
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
