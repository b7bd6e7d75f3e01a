/**
 * Which root fields the strict `sensitive` bucket counts: the ones a center marks `@sensitive` in
 * its SDL (declared in the kit's shared SDL and carried into the supergraph by `@composeDirective`).
 * The gateway reads the marks from the supergraph it serves, on every load and hot reload, so the
 * rate-limit class sits on the field and a new sign-in or money field is not counted by someone
 * remembering to add it to a list.
 */
import { Kind, parse } from 'graphql';
import type { ObjectTypeDefinitionNode, ObjectTypeExtensionNode, OperationTypeNode } from 'graphql';

export const SENSITIVE_DIRECTIVE = 'sensitive';

/** A root field's coordinate, e.g. `Mutation.login`. */
export type RootFieldCoordinate = `${string}.${string}`;

const ROOT_TYPE_OF: Record<OperationTypeNode, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

export function rootFieldCoordinate(operation: OperationTypeNode, field: string): RootFieldCoordinate {
  return `${ROOT_TYPE_OF[operation]}.${field}`;
}

/** The coordinates of the root fields marked `@sensitive` in a supergraph SDL. */
export function sensitiveRootFields(supergraphSdl: string): Set<RootFieldCoordinate> {
  const marked = new Set<RootFieldCoordinate>();
  const rootTypes = new Set(Object.values(ROOT_TYPE_OF));
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type: ObjectTypeDefinitionNode | ObjectTypeExtensionNode = definition;
    if (!rootTypes.has(type.name.value)) continue;
    for (const field of type.fields ?? []) {
      if (field.directives?.some((directive) => directive.name.value === SENSITIVE_DIRECTIVE)) {
        marked.add(`${type.name.value}.${field.name.value}`);
      }
    }
  }
  return marked;
}

/** What the gateway tells listeners on every schema load and hot reload (`ApolloGateway.onSchemaLoadOrUpdate`). */
export interface SupergraphLoads {
  onSchemaLoadOrUpdate(listener: (schema: { coreSupergraphSdl: string }) => void): unknown;
}

/** The sensitive root fields of the supergraph the gateway currently serves. */
export function sensitiveRootFieldsOf(gateway: SupergraphLoads): () => ReadonlySet<RootFieldCoordinate> {
  let current: ReadonlySet<RootFieldCoordinate> = new Set();
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    current = sensitiveRootFields(coreSupergraphSdl);
  });
  return () => current;
}
