import { GraphQLError } from 'graphql';

/**
 * Every error a client can see carries one of these codes in `extensions.code`.
 * Codes are a contract with the channel apps: add new ones, never rename.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  UnknownChannel = 'UNKNOWN_CHANNEL',
  ChannelMismatch = 'CHANNEL_MISMATCH',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

export interface BankErrorOptions {
  /** Path of the offending input field, e.g. `['input', 'amount']`. */
  field?: readonly (string | number)[];
  /** Extra, non-sensitive extensions for the client. */
  details?: Record<string, unknown>;
  /**
   * Only for errors that end the whole HTTP request (context creation): a field-level error
   * must leave the status at 200, or the gateway would discard the subgraph's partial data.
   */
  httpStatus?: number;
}

export function bankError(code: ErrorCode, message: string, options: BankErrorOptions = {}): GraphQLError {
  const status = options.httpStatus;
  return new GraphQLError(message, {
    extensions: {
      code,
      ...(options.field ? { field: options.field.join('.') } : {}),
      ...options.details,
      ...(status ? { http: { status } } : {}),
    },
  });
}

export const badInput = (message: string, field: readonly (string | number)[]) =>
  bankError(ErrorCode.BadUserInput, message, { field });

export const unauthenticated = (message = '请先登录') => bankError(ErrorCode.Unauthenticated, message);

export const forbidden = (message = '无权访问该资源') => bankError(ErrorCode.Forbidden, message);

export const notFound = (message = '资源不存在') => bankError(ErrorCode.NotFound, message);
