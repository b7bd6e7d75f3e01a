/**
 * A production gateway on the committed supergraph with no center behind it (every routing URL refuses connections),
 * no Redis and no metrics listener: for tests of what the gateway does by itself, in the unit project.
 */
import { GatewayOptions, RunningGateway, startGateway } from '../../../gateway/server';
import { readSupergraph } from '../../../gateway/supergraph/supergraphFile';
import { systemClock } from '../../../platform/clock';
import { UNREACHABLE_CENTER_URL } from '../../support/names';

export function startCenterlessGateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: readSupergraph(),
    port: 0,
    host: '127.0.0.1',
    clock: systemClock,
    production: true,
    redisUrl: null,
    metricsPort: null,
    subgraphUrl: () => UNREACHABLE_CENTER_URL,
    ...options,
  });
}
