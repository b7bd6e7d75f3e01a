/**
 * Hive Gateway as a benchmark peer (`hive-gateway supergraph <file> -c scripts/bench/hive.config.mjs`):
 * its defaults, plus the one thing every peer must do here — pass the caller's internal credential
 * for each subgraph (`x-internal-identity-<subgraph>`; every credential names the one subgraph it is
 * for) on to that subgraph as `x-internal-identity`: the subgraphs refuse any request without one.
 * Plain JavaScript on purpose: importing Hive's types into the TypeScript project would widen
 * GraphQL's error-extension types everywhere.
 */
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      const credential = request.headers.get(`x-internal-identity-${subgraphName}`);
      return credential ? { 'x-internal-identity': credential } : {};
    },
  },
};
