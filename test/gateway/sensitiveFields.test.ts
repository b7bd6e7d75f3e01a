/**
 * From a center's SDL to the bucket: a root field a subgraph marks `@sensitive` (the kit's shared
 * SDL declares the directive and composes it) reaches the supergraph, and the rate-limit plugin
 * counts it in the `sensitive` bucket; an unmarked field of the same subgraph is not counted there.
 */
import { composeServices } from '@apollo/composition';
import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { OperationDefinitionNode, parse } from 'graphql';
import { RateCheck, RateLimiter, rateLimitPlugin, sensitiveRootFields, sensitiveRootFieldsOf } from '../../gateway/plugins/rateLimit';
import type { GatewayContext } from '../../gateway/context';
import { createGatewayMetrics } from '../../gateway/plugins/observability';
import { sharedTypeDefsSource } from '../../subgraphs/kit/schema/load';

const centerSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible"])
  type Query { balance: Money! }
  type Mutation {
    sendMoney(amount: Decimal!): Boolean! @sensitive
    renameNickname(name: String!): Boolean!
  }
  ${sharedTypeDefsSource()}
`;

function compose(): string {
  const result = composeServices([{ name: 'bank', typeDefs: parse(centerSdl), url: 'http://127.0.0.1:1/graphql' }]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Runs the plugin's check for one operation and returns the counters it asked the limiter for. */
async function countersFor(supergraphSdl: string, document: string): Promise<RateCheck[]> {
  const asked: RateCheck[] = [];
  const limiter: RateLimiter = {
    consume: async () => ({ allowed: true }),
    consumeAll: async (checks) => {
      asked.push(...checks);
      return { allowed: true };
    },
  };
  const loads = {
    onSchemaLoadOrUpdate: (listener: (schema: { coreSupergraphSdl: string }) => void) => listener({ coreSupergraphSdl: supergraphSdl }),
  };
  const plugin = rateLimitPlugin({ limiter, sensitiveFields: sensitiveRootFieldsOf(loads), metrics: createGatewayMetrics() });
  const listener = await plugin.requestDidStart!({} as never);
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const identity = { kind: 'gateway', channel: 'MOBILE_APP', userId: 'customer-1', authLevel: 1 };
  await listener!.didResolveOperation!({
    contextValue: { identity },
    operation,
    operationName: operation.name?.value ?? null,
  } as unknown as GraphQLRequestContextDidResolveOperation<GatewayContext>);
  return asked;
}

const supergraphSdl = compose();

test('the mark survives composition: the supergraph names the marked root field only', () => {
  expect(supergraphSdl).toContain('@link(url: "https://bank.example/policy/v1.0", import: ["@sensitive"])');
  expect([...sensitiveRootFields(supergraphSdl)]).toEqual(['Mutation.sendMoney']);
});

test('a field marked @sensitive is counted in the sensitive bucket', async () => {
  const checks = await countersFor(supergraphSdl, 'mutation Pay { sendMoney(amount: "1.00") }');
  expect(checks).toContainEqual(['sensitive', 'customer:customer-1:sendMoney', 'customer:customer-1']);
});

test('an unmarked field is counted only in the ordinary buckets', async () => {
  const checks = await countersFor(supergraphSdl, 'mutation Rename { renameNickname(name: "x") }');
  expect(checks.map(([bucket]) => bucket)).toEqual(['channel', 'customer', 'operation']);
});

test('the bucket follows the field, not the name a client gives its operation', async () => {
  const checks = await countersFor(supergraphSdl, 'mutation renameNickname { sendMoney(amount: "1.00") renameNickname(name: "x") }');
  expect(checks.filter(([bucket]) => bucket === 'sensitive')).toEqual([
    ['sensitive', 'customer:customer-1:sendMoney', 'customer:customer-1'],
  ]);
});
