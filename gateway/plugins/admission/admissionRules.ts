/**
 * Step 3 of the request path, the part that needs the parsed document: depth, aliases,
 * directives and cost, as validation rules (`@escape.tech/graphql-armor`). Validation runs
 * before the gateway plans anything, so a refused document never reaches a subgraph.
 */
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, GraphQLFormattedError, ValidationRule } from 'graphql';
import { ErrorCode } from '../../../platform/errors';

export interface AdmissionLimits {
  /** Deepest field nesting; the deepest channel operation (account history) needs 6. Default 10. */
  maxDepth: number;
  /** Aliases per operation. Default 15. */
  maxAliases: number;
  /** Directives per operation. Default 20. */
  maxDirectives: number;
  /** Lexical tokens in the document, counted before parsing. Default 1,500. */
  maxTokens: number;
  /** graphql-armor cost (objects 2, scalars 1, ×1.5 per level). Default 5,000. */
  maxCost: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 1_500,
  maxCost: 5_000,
};

/** Apollo re-codes validation errors as GRAPHQL_VALIDATION_FAILED; this extension keeps ours. */
const ADMISSION_EXTENSION = 'admissionCode';

function reportAs(code: ErrorCode, message: string): GraphQLArmorRejectCallback {
  return (context) => context?.reportError(new GraphQLError(message, { extensions: { [ADMISSION_EXTENSION]: code } }));
}

export function admissionValidationRules(limits: AdmissionLimits): ValidationRule[] {
  const quiet = { propagateOnRejection: false, exposeLimits: false } as const;
  return [
    maxDepthRule({
      ...quiet,
      n: limits.maxDepth,
      onReject: [reportAs(ErrorCode.QueryTooDeep, `查询嵌套层级超过上限（${limits.maxDepth}）`)],
    }),
    maxAliasesRule({
      ...quiet,
      n: limits.maxAliases,
      onReject: [reportAs(ErrorCode.TooManyAliases, `查询别名数量超过上限（${limits.maxAliases}）`)],
    }),
    maxDirectivesRule({
      ...quiet,
      n: limits.maxDirectives,
      onReject: [reportAs(ErrorCode.TooManyDirectives, `查询指令数量超过上限（${limits.maxDirectives}）`)],
    }),
    costLimitRule({ ...quiet, maxCost: limits.maxCost, onReject: [reportAs(ErrorCode.QueryTooCostly, '查询复杂度超过上限')] }),
  ] as ValidationRule[];
}

/** Gives admission refusals their own code in the response. */
export function restoreAdmissionCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const admission = formatted.extensions?.[ADMISSION_EXTENSION];
  if (typeof admission !== 'string') return formatted;
  const { [ADMISSION_EXTENSION]: _marker, ...rest } = formatted.extensions!;
  return { ...formatted, extensions: { ...rest, code: admission } };
}
