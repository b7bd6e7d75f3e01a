/**
 * What the channels' trusted documents reach: the public root fields each channel's manifest can
 * call, the fields deliberately left unreachable (schema/operations/unreachable.json, each with its
 * reason), and what the product center's catalogue lets each channel sell. The channel-coverage
 * contract test and the README's feature × channel table (`npm run docs:channels`) both read it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchema, Kind, SelectionSetNode, parse } from 'graphql';
import { ChannelOperation, OPERATIONS_DIRECTORY, readChannelOperations } from '../gateway/plugins/trustedDocuments/channelOperations';
import { apiSchemaOf } from '../gateway/supergraph/apiSchema';
import { readSupergraph } from '../gateway/supergraph/supergraphFile';
import { CHANNELS, ChannelName } from '../platform/identity/identity';
import { DEMO_PRODUCTS } from '../subgraphs/product/seed';

/** The reviewed list of public root fields no channel may call, `{ "Query.field": "why" }`. */
export const UNREACHABLE_FILE = join(OPERATIONS_DIRECTORY, 'unreachable.json');

export type CustomerChannel = Exclude<ChannelName, 'OPS'>;
export const CUSTOMER_CHANNELS = CHANNELS.filter((channel): channel is CustomerChannel => channel !== 'OPS');

/**
 * The public API as the committed supergraph composes it, development-only fields included (they are
 * public in development, so they are either reachable or listed as unreachable like any other).
 */
export function publicApiSchema(): GraphQLSchema {
  return apiSchemaOf(readSupergraph());
}

/** `Query.me`, `Mutation.login`, …: every root field of the schema, in schema order. */
export function rootFieldsOf(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

/** The root fields one document calls, through inline fragments and named fragments too. */
export function rootFieldsCalledBy(document: string, schema: GraphQLSchema): string[] {
  const parsed = parse(document);
  const fragments = new Map(
    parsed.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const called = new Set<string>();
  const walk = (selections: SelectionSetNode, rootType: string, seen: Set<string>) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) called.add(`${rootType}.${selection.name.value}`);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, rootType, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, rootType, new Set([...seen, selection.name.value]));
      }
    }
  };
  for (const definition of parsed.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const rootType = schema.getRootType(definition.operation)?.name;
    if (rootType) walk(definition.selectionSet, rootType, new Set());
  }
  return [...called];
}

/** Per channel, the root fields its manifest's documents call. */
export function rootFieldsByChannel(
  schema: GraphQLSchema,
  operations: ChannelOperation[] = readChannelOperations(),
): Map<ChannelName, Set<string>> {
  const reached = new Map<ChannelName, Set<string>>(CHANNELS.map((channel) => [channel, new Set<string>()]));
  for (const operation of operations) {
    for (const field of rootFieldsCalledBy(operation.document, schema)) reached.get(operation.channel)!.add(field);
  }
  return reached;
}

/** The reviewed list: root field → why no channel calls it. */
export function readUnreachableRootFields(path = UNREACHABLE_FILE): Record<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(
      ([field, reason]) => /^(Query|Mutation|Subscription)\.\w+$/.test(field) && typeof reason === 'string' && reason.trim(),
    );
  if (!valid) throw new Error(`${path}: expected { "Query.field": "the reason no channel calls it", … }`);
  return parsed as Record<string, string>;
}

export type ProductKind = (typeof DEMO_PRODUCTS)[number]['kind'];

/** The mutation that buys (opens, applies for) a product of each kind. */
export const PURCHASE_FIELDS: Record<ProductKind, string> = {
  WEALTH: 'Mutation.subscribeWealthProduct',
  TIME_DEPOSIT: 'Mutation.openTimeDeposit',
  LOAN: 'Mutation.applyForLoan',
  CREDIT_CARD: 'Mutation.applyForCreditCard',
};

/** What a customer who bought a product of each kind goes on to need on the same channel. */
export const AFTER_PURCHASE_FIELDS: Record<ProductKind, string[]> = {
  // Purchases of 50,000.00 or more step up and finish through confirmOrder.
  WEALTH: ['Mutation.confirmOrder', 'Mutation.redeemWealthProduct'],
  TIME_DEPOSIT: ['Mutation.confirmOrder', 'Mutation.withdrawTimeDeposit'],
  LOAN: ['Mutation.acceptLoan', 'Mutation.repayLoan'],
  CREDIT_CARD: [],
};

/** The product kinds the catalogue has on sale on each customer channel (the product center's reference data). */
export function kindsOnSale(): Map<CustomerChannel, Set<ProductKind>> {
  const kinds = new Map<CustomerChannel, Set<ProductKind>>(CUSTOMER_CHANNELS.map((channel) => [channel, new Set<ProductKind>()]));
  for (const product of DEMO_PRODUCTS) {
    if (product.status !== 'ON_SALE') continue;
    for (const channel of product.channels) kinds.get(channel as CustomerChannel)?.add(product.kind);
  }
  return kinds;
}

/** Whether any product on sale on the channel needs a valid risk assessment (above R1, or flagged). */
export function needsRiskAssessment(channel: CustomerChannel): boolean {
  return DEMO_PRODUCTS.some(
    (product) =>
      product.status === 'ON_SALE' && product.channels.includes(channel) && (product.riskLevel !== 'R1' || product.requiresAssessment),
  );
}
