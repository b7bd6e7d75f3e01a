import type { GraphQLSchema } from 'graphql';
import { GraphQLScalarType } from 'graphql';
import { kitScalarResolvers } from '../../platform/scalars';

/**
 * The supergraph only names custom scalars; the gateway would pass any value through to a
 * subgraph. Giving the gateway the kit's own input parsing refuses a malformed `Decimal` or
 * `DateTime` at the front door — before planning, with `BAD_USER_INPUT` — exactly as the centers
 * would. Output is left as the centers serialized it.
 */
export function enforceScalarInputs(schema: GraphQLSchema): void {
  for (const scalar of Object.values(kitScalarResolvers)) {
    const type = schema.getType(scalar.name);
    if (!(type instanceof GraphQLScalarType)) continue;
    type.parseValue = scalar.parseValue.bind(scalar);
    type.parseLiteral = scalar.parseLiteral.bind(scalar);
  }
}
