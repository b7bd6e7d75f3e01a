/**
 * `npm run start:gateway`: the gateway alone, routing to centers at `<CENTER>_URL` (or their default
 * ports). NODE_ENV unset means production.
 */
import { systemClock } from '../platform/clock';
import { centerPort, loadConfigOrExit } from '../platform/config';
import { startGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph/supergraphFile';
import { startTracing } from '../platform/observability/tracing';
import { onShutdown } from './shutdown';

loadConfigOrExit();
startTracing({ serviceName: 'gateway' });
startGateway({ supergraphSdl: readSupergraph(), port: centerPort('gateway'), clock: systemClock }).then(
  (gateway) => {
    console.log(`gateway: ${gateway.url} (metrics: ${gateway.metricsUrl ?? 'off'})`);
    onShutdown(() => gateway.stop(), [gateway.drainSwitch]);
    // SIGHUP re-reads schema/supergraph.graphql and the trusted documents (schema/operations/) and swaps
    // them in without dropping requests.
    process.on('SIGHUP', () => {
      gateway.reloadTrustedDocuments();
      void gateway.reload();
    });
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
