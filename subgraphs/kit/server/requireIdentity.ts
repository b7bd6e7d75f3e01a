/**
 * Secure by default: every entry point of a subgraph — each root `Query`/`Mutation` field and each
 * entity's `__resolveReference` — refuses a caller without an identity (`UNAUTHENTICATED`) before its
 * resolver runs. An identity is a signed-in customer or staff member behind the gateway, or a
 * service credential; the gateway's anonymous identity (a request before sign-in) is not one.
 *
 * The few fields an anonymous caller needs (sign-in, refresh, the public catalogue) say so in the
 * center's SDL with the subgraph-local directive `@public` (declared in the kit's shared SDL); on an
 * entity type it opens the type's reference resolver (catalogue entities whose every field is public
 * anyway). It is not composed into the supergraph: it only tells this center's resolvers who may
 * call them.
 *
 * Internal root fields name the scope a caller's service credential must carry with
 * `@requiresServiceScope(scope: "…")`, also subgraph-local: the same wrapper refuses any other
 * caller (`FORBIDDEN`: a customer, staff member, or a service without the scope) before the
 * resolver runs, so an internal resolver never checks it again.
 *
 * The rule is applied once, when the schema is built, by wrapping the resolver map according to
 * the parsed SDL: no per-request reflection. Of the fields @apollo/subgraph adds, `_service`
 * (the SDL, no customer data) stays open, and `_entities` is guarded through the reference
 * resolvers: every entity type gets one, the identity resolver for types that define none.
 */
import {
  DirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  GraphQLFieldResolver,
  Kind,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  defaultFieldResolver,
} from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { unauthenticated } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity/identity';
import { requireServiceScope } from '../authorization';

export const PUBLIC_DIRECTIVE = 'public';
export const SERVICE_SCOPE_DIRECTIVE = 'requiresServiceScope';
const ROOT_TYPES = ['Query', 'Mutation'] as const;
const REFERENCE_RESOLVER = '__resolveReference';

/** May this caller reach a non-public entry point? */
export function isIdentified(identity: Identity | undefined): boolean {
  if (!identity) return false;
  return identity.kind === 'service' || Boolean(identity.userId);
}

export interface EntryPoint {
  type: string;
  /** A root field's name, or `__resolveReference` for an entity. */
  field: string;
  public: boolean;
  /** The scope a service credential must carry (`@requiresServiceScope`); only service credentials pass. */
  serviceScope?: string;
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function objectNodes(typeDefs: DocumentNode): ObjectNode[] {
  return typeDefs.definitions.filter(
    (definition): definition is ObjectNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
}

function isPublic(node: FieldDefinitionNode | ObjectNode): boolean {
  return node.directives?.some((directive) => directive.name.value === PUBLIC_DIRECTIVE) ?? false;
}

/** The `scope` argument of a field's `@requiresServiceScope`, if it has one. */
function serviceScopeOf(field: FieldDefinitionNode): string | undefined {
  const directive = field.directives?.find((candidate: DirectiveNode) => candidate.name.value === SERVICE_SCOPE_DIRECTIVE);
  if (!directive) return undefined;
  const scope = directive.arguments?.find((argument) => argument.name.value === 'scope')?.value;
  if (scope?.kind !== Kind.STRING || scope.value === '') throw new Error(`@${SERVICE_SCOPE_DIRECTIVE} needs a scope string`);
  return scope.value;
}

/** Every entry point the SDL declares, whether it is `@public`, and the service scope it requires. */
export function entryPoints(typeDefs: DocumentNode): EntryPoint[] {
  const points: EntryPoint[] = [];
  const entities = new Map<string, boolean>();
  for (const node of objectNodes(typeDefs)) {
    const type = node.name.value;
    const isRoot = (ROOT_TYPES as readonly string[]).includes(type);
    const isEntity = node.directives?.some((directive) => directive.name.value === 'key') ?? false;
    for (const field of node.fields ?? []) {
      const name = `${type}.${field.name.value}`;
      const serviceScope = serviceScopeOf(field);
      if (isRoot) {
        if (serviceScope !== undefined && isPublic(field))
          throw new Error(`${name} cannot be both @public and @${SERVICE_SCOPE_DIRECTIVE}`);
        points.push({ type, field: field.name.value, public: isPublic(field), ...(serviceScope === undefined ? {} : { serviceScope }) });
      }
      // A mark that would open (or close) nothing is a mistake in the SDL, not a silent no-op.
      else if (isPublic(field)) throw new Error(`@public on ${name}: only root fields and entity types can be public`);
      else if (serviceScope !== undefined) throw new Error(`@${SERVICE_SCOPE_DIRECTIVE} on ${name}: only root fields can require a scope`);
    }
    if (isEntity) entities.set(type, (entities.get(type) ?? false) || isPublic(node));
    else if (isPublic(node)) throw new Error(`@public on ${type}: only root fields and entity types can be public`);
  }
  for (const [type, open] of entities) points.push({ type, field: REFERENCE_RESOLVER, public: open });
  return points;
}

function guarded<Context extends { identity?: Identity }>(
  resolve: GraphQLFieldResolver<unknown, Context>,
  serviceScope: string | undefined,
): GraphQLFieldResolver<unknown, Context> {
  return (source, args, context, info) => {
    const identity = context?.identity;
    if (!isIdentified(identity)) throw unauthenticated();
    if (serviceScope !== undefined) requireServiceScope(identity!, serviceScope);
    return resolve(source, args, context, info);
  };
}

/** `__resolveReference(reference, context, info)`: the context is the second argument. */
function guardedReference(resolve: (...args: unknown[]) => unknown) {
  return (reference: unknown, context: { identity?: Identity } | undefined, info: unknown) => {
    if (!isIdentified(context?.identity)) throw unauthenticated();
    return resolve(reference, context, info);
  };
}

const sameReference = (reference: unknown) => reference;

type FieldResolvers = Record<string, unknown>;

/**
 * Returns a copy of `resolvers` in which every non-public entry point of `typeDefs` refuses a caller
 * without an identity, and every `@requiresServiceScope` field a caller without a service credential
 * carrying the scope. A root field the map leaves out gets the guarded default resolver.
 */
export function requireIdentityByDefault<Context>(
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<Context>,
): GraphQLResolverMap<Context> {
  const result: Record<string, unknown> = { ...resolvers };
  const copyOf = (type: string): FieldResolvers => {
    const existing = result[type] as FieldResolvers | undefined;
    const copy: FieldResolvers = { ...existing };
    result[type] = copy;
    return copy;
  };
  const byType = new Map<string, EntryPoint[]>();
  for (const point of entryPoints(typeDefs)) byType.set(point.type, [...(byType.get(point.type) ?? []), point]);

  for (const [type, points] of byType) {
    const fields = copyOf(type);
    for (const point of points) {
      if (point.public) continue;
      const current = fields[point.field];
      if (point.field === REFERENCE_RESOLVER) {
        fields[point.field] = guardedReference((current as ((...args: unknown[]) => unknown) | undefined) ?? sameReference);
      } else if (current && typeof current === 'object') {
        const config = current as { resolve?: GraphQLFieldResolver<unknown, { identity?: Identity }> };
        fields[point.field] = { ...config, resolve: guarded(config.resolve ?? defaultFieldResolver, point.serviceScope) };
      } else {
        fields[point.field] = guarded(
          (current as GraphQLFieldResolver<unknown, { identity?: Identity }> | undefined) ?? defaultFieldResolver,
          point.serviceScope,
        );
      }
    }
  }
  return result as GraphQLResolverMap<Context>;
}
