/**
 * Hive Gateway as a benchmark peer (`hive-gateway supergraph <file> -c scripts/bench/hive.config.mjs`):
 * its defaults, plus the one thing every peer must do here — pass the caller's internal credential
 * (`x-internal-identity`) on to the subgraphs, which refuse any request without one.
 * Plain JavaScript on purpose: importing Hive's types into the TypeScript project would widen
 * GraphQL's error-extension types everywhere.
 */
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const credential = request.headers.get('x-internal-identity');
      return credential ? { 'x-internal-identity': credential } : {};
    },
  },
};
