/**
 * Schema governance: which changes between the committed supergraph and a newly composed one
 * would break a channel's trusted operation, and which deprecated fields channels still use.
 * A removal must go through `@deprecated` first, until no channel operation uses the field.
 */
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { GraphQLSchema, TypeInfo, parse, visit, visitWithTypeInfo, getNamedType } from 'graphql';
import { apiSchemaOf } from '../gateway/supergraph/apiSchema';
import type { ChannelOperation } from '../gateway/plugins/trustedDocuments/channelOperations';

export interface BrokenUsage {
  change: string;
  /** Schema coordinate the change touches, e.g. `User.name`. */
  path: string;
  channel: string;
  operation: string;
}

export interface DeprecatedUsage {
  path: string;
  reason: string;
  /** `CHANNEL Operation.graphql` of every channel operation still selecting it. */
  usedBy: string[];
}

export interface GovernanceReport {
  broken: BrokenUsage[];
  /** Breaking changes no channel operation touches (allowed, listed for review). */
  unusedBreaking: string[];
  deprecated: DeprecatedUsage[];
}

/** Schema coordinates an operation selects: `Type`, `Type.field`, `Type.field.argument`. */
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
      VariableDefinition() {
        const input = typeInfo.getInputType();
        if (input) used.add(getNamedType(input).name);
      },
    }),
  );
  return used;
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
    const users = usage.filter(({ used }) => used.has(path));
    if (users.length === 0) report.unusedBreaking.push(change.message);
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
