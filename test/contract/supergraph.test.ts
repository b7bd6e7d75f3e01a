import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { composeSupergraph } from '../../scripts/composition';

describe('composition', () => {
  const result = composeSupergraph();

  test('the eight centers compose without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.supergraphSdl).toBeDefined();
  });

  test('the committed schema/supergraph.graphql is what composition produces now (run `npm run compose`)', () => {
    expect(readSupergraph()).toBe(result.supergraphSdl);
  });

  test('every center is a subgraph of the supergraph', () => {
    const joinGraphs = [...readSupergraph().matchAll(/@join__graph\(name: "(\w+)"/g)].map((match) => match[1]).sort();
    expect(joinGraphs).toEqual(['account', 'auth', 'finance', 'life', 'limits', 'marketing', 'product', 'user']);
  });
});
