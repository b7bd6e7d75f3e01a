/**
 * Schema governance: which changes between two supergraphs would break a channel's trusted
 * operation, and which deprecated fields channels still use. The schema gate (schemaGate.ts)
 * applies it to the latest released supergraph and the newly composed one.
 */
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  GraphQLSchema,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  parse,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { apiSchemaOf } from '../gateway/supergraph/apiSchema';
import type { ChannelOperation } from '../gateway/plugins/trustedDocuments/channelOperations';

export interface BrokenUsage {
  change: string;
  /** Schema coordinate the change touches, e.g. `User.name`. */
  path: string;
  channel: string;
  operation: string;
}

/** A breaking change no channel operation touches. */
export interface UnusedBreakingChange {
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  path: string;
  message: string;
}

export interface DeprecatedUsage {
  path: string;
  reason: string;
  /** `CHANNEL Operation.graphql` of every channel operation still selecting it. */
  usedBy: string[];
}

export interface GovernanceReport {
  broken: BrokenUsage[];
  /** Breaking changes no channel operation touches (the gate decides which are allowed). */
  unusedBreaking: UnusedBreakingChange[];
  deprecated: DeprecatedUsage[];
}

/** Adds an input type and every input object type reachable through its fields. */
function addInputTypes(used: Set<string>, type: GraphQLInputType | GraphQLNamedType): void {
  const named = getNamedType(type);
  if (used.has(named.name)) return;
  used.add(named.name);
  if (isInputObjectType(named)) for (const field of Object.values(named.getFields())) addInputTypes(used, field.type);
}

/**
 * Schema coordinates an operation uses: `Type`, `Type.field`, `Type.field.argument`, every input
 * type its variables and arguments can carry (nested ones too) and `Enum.VALUE` for enum literals.
 */
export function coordinatesOf(schema: GraphQLSchema, document: string): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        used.add(parent.name);
        used.add(`${parent.name}.${node.name.value}`);
        const fieldType = typeInfo.getType();
        if (fieldType) used.add(getNamedType(fieldType).name);
        for (const argument of node.arguments ?? []) used.add(`${parent.name}.${node.name.value}.${argument.name.value}`);
      },
      Argument() {
        const input = typeInfo.getInputType();
        if (input) addInputTypes(used, input);
      },
      VariableDefinition() {
        const input = typeInfo.getInputType();
        if (input) addInputTypes(used, input);
      },
      EnumValue(node) {
        const input = typeInfo.getInputType();
        if (input) used.add(`${getNamedType(input).name}.${node.value}`);
      },
    }),
  );
  return used;
}

/**
 * Whether a change at `path` reaches an operation using `used`: the coordinate itself, the field
 * of a changed argument (a new required argument breaks every call), or the input object type of
 * a changed input field (the operation may send that field, or must now send a new one).
 */
function touches(schema: GraphQLSchema, used: Set<string>, path: string): boolean {
  if (used.has(path)) return true;
  const [typeName, member, argument] = path.split('.');
  if (!typeName || !member) return false;
  if (argument) return used.has(`${typeName}.${member}`);
  return isInputObjectType(schema.getType(typeName)) && used.has(typeName);
}

export async function checkSchemaChange(
  oldSupergraph: string,
  newSupergraph: string,
  operations: ChannelOperation[],
): Promise<GovernanceReport> {
  const oldSchema = apiSchemaOf(oldSupergraph);
  const newSchema = apiSchemaOf(newSupergraph);
  const usage = operations.map((operation) => ({ operation, used: coordinatesOf(oldSchema, operation.document) }));
  const report: GovernanceReport = { broken: [], unusedBreaking: [], deprecated: [] };

  for (const change of await diff(oldSchema, newSchema)) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const path = change.path ?? '';
    const users = usage.filter(({ used }) => touches(oldSchema, used, path));
    if (users.length === 0) report.unusedBreaking.push({ type: change.type, path, message: change.message });
    for (const { operation } of users) {
      report.broken.push({ change: change.message, path, channel: operation.channel, operation: operation.file });
    }
  }

  const deprecated = new Map<string, DeprecatedUsage>();
  for (const operation of operations) {
    let used: Set<string>;
    try {
      used = coordinatesOf(newSchema, operation.document);
    } catch {
      continue; // an operation the new schema cannot even parse against is already a breaking change above
    }
    for (const path of used) {
      const [typeName, fieldName, argument] = path.split('.');
      if (!fieldName || argument) continue;
      const type = newSchema.getType(typeName!);
      const field =
        type && 'getFields' in type ? (type.getFields() as Record<string, { deprecationReason?: string | null }>)[fieldName] : undefined;
      if (!field?.deprecationReason) continue;
      const entry = deprecated.get(path) ?? { path, reason: field.deprecationReason, usedBy: [] };
      entry.usedBy.push(`${operation.channel} ${operation.file}`);
      deprecated.set(path, entry);
    }
  }
  report.deprecated = [...deprecated.values()];
  return report;
}
