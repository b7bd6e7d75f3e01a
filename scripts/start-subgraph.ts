/**
 * `npm run start:subgraph -- <center>`: one center as its own process, on its own port
 * (`<CENTER>_PORT`) and database (`<CENTER>_DATABASE_URL`, or `DATABASE_URL` + the center name).
 * Centers deploy and scale independently this way. NODE_ENV unset means production: reference
 * data only, no demo data, no development features.
 */
import { CENTERS, isCenterName } from '../platform/centers';
import { systemClock } from '../platform/clock';
import { centerPort, loadConfigOrExit } from '../platform/config';
import { prepareCenterDatabase, resolveDatabaseServer } from '../subgraphs/kit/database/bootstrap';
import { startCenter } from '../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../subgraphs/registry';
import { startTracing } from '../platform/observability/tracing';
import { onShutdown } from './shutdown';

async function main(): Promise<void> {
  const settings = loadConfigOrExit();
  const name = process.argv[2] ?? '';
  const definition = isCenterName(name) ? await loadCenterDefinition(name) : undefined;
  if (!definition) {
    console.error(`usage: npm run start:subgraph -- <center>   (one of: ${CENTERS.join(', ')})`);
    process.exit(2);
  }
  startTracing({ serviceName: `${definition.name}-center` });
  const { serverUrl, embedded } = await resolveDatabaseServer(process.env, (message) => console.log(message));
  const databaseUrl = await prepareCenterDatabase(definition, serverUrl, {
    seed: settings.seedDemoData,
    clock: systemClock,
  });
  const center = await startCenter(definition, { databaseUrl, port: centerPort(definition.name), clock: systemClock });
  console.log(`${definition.name} center (${settings.mode}): ${center.url} (metrics: ${center.metricsUrl ?? 'off'})`);
  onShutdown(async () => {
    await center.stop();
    await embedded?.stop();
  }, [center.drainSwitch]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
