/**
 * Each center's internal root fields name their scope in the SDL (`@requiresServiceScope`), and the
 * center's allowlist (`serviceScopes.ts`) says which caller may carry it. The two must agree: a
 * field hidden from the API must still say who may call it, and a scope a field requires must be
 * granted to some caller. (A granted scope may require no field: a center acting for a customer
 * reads that customer's public fields, such as the catalogue or signed agreements, with it.)
 */
import { CENTERS } from '../../../platform/centers';
import { centerTypeDefs } from '../schema/load';
import { entryPoints } from '../server/requireIdentity';
import type { ServiceScopes } from '../serviceScopes';

describe.each(CENTERS)('%s center', (center) => {
  const typeDefs = centerTypeDefs(center);
  const points = entryPoints(typeDefs);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const granted = (require(`../../${center}/serviceScopes`) as { serviceScopes: ServiceScopes }).serviceScopes;

  test('every @inaccessible root field requires a service scope', () => {
    const hidden = typeDefs.definitions.flatMap((definition) =>
      (definition.kind === 'ObjectTypeDefinition' || definition.kind === 'ObjectTypeExtension') &&
      ['Query', 'Mutation'].includes(definition.name.value)
        ? (definition.fields ?? [])
            .filter((field) => field.directives?.some((directive) => directive.name.value === 'inaccessible'))
            .map((field) => `${definition.name.value}.${field.name.value}`)
        : [],
    );
    const scoped = new Set(points.filter((point) => point.serviceScope).map((point) => `${point.type}.${point.field}`));
    expect(hidden.filter((field) => !scoped.has(field))).toEqual([]);
  });

  test('every scope the SDL requires is granted to some caller', () => {
    const required = points.flatMap((point) => (point.serviceScope ? [point.serviceScope] : []));
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((scope) => !(granted[scope]?.length ?? 0))).toEqual([]);
  });
});
