/**
 * Which operations the response cache may keep: queries made only of public catalogue data.
 * The check is static — every field the operation selects (fragments included) must be a
 * catalogue root field or a field of a catalogue type — so anything that touches a customer
 * (`me`, accounts, orders, bills, coupons…) is never looked up nor stored. A contract test
 * checks these types against the supergraph: their fields must all come from the product or
 * life center, so another center adding a customer-specific field to `Product` fails it.
 */
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, TypeInfo, visit, visitWithTypeInfo, BREAK } from 'graphql';

export interface CatalogueScope {
  /** `Query` fields whose whole answer is catalogue data. */
  rootFields: ReadonlySet<string>;
  /** Types every field of which is catalogue data (value types reached only through catalogue fields). */
  types: ReadonlySet<string>;
}

export const PUBLIC_CATALOGUE: CatalogueScope = {
  rootFields: new Set(['products', 'product', 'billers']),
  types: new Set([
    'Product',
    'ProductConnection',
    'ProductEdge',
    'SaleWindow',
    'RedemptionRule',
    'CreditCardTerms',
    'SuitabilityRule',
    'HistoryPoint',
    'Biller',
    // Kit value types: plain values, public only because the parent field above was.
    'Money',
    'PageInfo',
  ]),
};

/** True when `operation` is a query selecting nothing but catalogue fields. */
export function isCatalogueOnly(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  scope: CatalogueScope = PUBLIC_CATALOGUE,
): boolean {
  if (operation.operation !== 'query') return false;
  const queryType = schema.getQueryType();
  if (!queryType) return false;
  // Only the chosen operation and the fragments it may spread (a document may hold several operations).
  const relevant: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION),
  };
  const typeInfo = new TypeInfo(schema);
  let selectedAny = false;
  let allowed = true;
  visit(
    relevant,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        if (name.startsWith('__') || !parent) {
          allowed = false;
          return BREAK;
        }
        const ok = parent === queryType ? scope.rootFields.has(name) : scope.types.has(parent.name);
        if (!ok) {
          allowed = false;
          return BREAK;
        }
        selectedAny = true;
        return undefined;
      },
    }),
  );
  return allowed && selectedAny;
}
