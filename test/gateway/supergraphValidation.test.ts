/**
 * A supergraph that parses but is not a valid GraphQL schema never serves: a production gateway refuses it on reload
 * and the old one keeps serving. The gateway skips @apollo/gateway's whole-supergraph validation (see
 * gateway/server.ts): extracting the subgraphs and deriving the API schema validate what serves anyway.
 */
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';
import { captureLogs } from '../support/logCapture';
import { startCenterlessGateway } from './support/centerlessGateway';

Object.assign(process.env, generatedKeyEnvironment());

/** The committed supergraph with a type added before Query and a Query field using it. */
const withQueryField = (declarations: string, field: string) =>
  readSupergraph().replace(/^type Query([^{]*)\{/m, `${declarations}\n\ntype Query$1{\n  ${field}`);

/** Each parses, but is not a schema. */
const INVALID_SUPERGRAPHS = {
  'an enum without values': withQueryField('enum Broken', 'broken: Broken'),
  'a type missing its interface’s field': withQueryField(
    'interface BrokenShape { y: Int }\ntype Broken implements BrokenShape { x: Int }',
    'broken: Broken',
  ),
  'an input type containing itself': withQueryField('input BrokenInput { self: BrokenInput! }', 'broken(input: BrokenInput): Int'),
};

test('a production gateway refuses to reload an invalid supergraph and keeps serving the old one', async () => {
  const environment = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const logs = captureLogs();
  // An ad-hoc `{ __typename }` is answered by the gateway's schema alone, without a center.
  const gateway = await startCenterlessGateway({ trustedDocuments: false });
  try {
    for (const [kind, invalid] of Object.entries(INVALID_SUPERGRAPHS)) {
      expect([kind, invalid.includes('  broken')]).toEqual([kind, true]);
      expect([kind, await gateway.reload(invalid)]).toEqual([kind, false]);
    }
    const refusals = logs.lines().filter((line) => line.message === 'supergraph reload failed; the previous schema keeps serving');
    expect(refusals).toHaveLength(Object.keys(INVALID_SUPERGRAPHS).length);
    // The old, valid schema still answers (an invalid one fails every request).
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
      body: JSON.stringify({ query: 'query Typename { __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  } finally {
    await gateway.stop();
    logs.stop();
    process.env.NODE_ENV = environment;
  }
});
