import type { GraphQLError } from 'graphql';
import { ErrorCode, bankError } from '../../../platform/errors';

/**
 * A refusal from a shared check (an SMS code's, a PIN's) re-issued naming the input field it is
 * about in this operation; anything that is not a coded refusal passes through unchanged.
 */
export function errorAtField(error: unknown, field: readonly string[]): unknown {
  const coded = error as GraphQLError;
  if (!coded?.extensions?.code) return error;
  const { code, field: _field, ...details } = coded.extensions;
  return bankError(code as ErrorCode, coded.message, { field, details });
}
