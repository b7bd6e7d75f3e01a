/**
 * `npm start`: the whole platform in one process — the database (embedded when no DATABASE_URL),
 * every center migrated, seeded with reference and demo data and listening on its own port, then
 * the gateway. It is the developer's command: with NODE_ENV unset it runs in development, and says
 * so (the other start scripts and deployments take unset as production).
 * Each center can also run as its own process: `npm run start:subgraph -- <center>`.
 */
import { CENTERS } from '../platform/centers';
import { systemClock } from '../platform/clock';
import { centerPort, loadConfigOrExit } from '../platform/config';
import { prepareCenterDatabase, resolveDatabaseServer } from '../subgraphs/kit/database/bootstrap';
import { DEMO_CUSTOMERS, DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { startCenter, RunningCenter } from '../subgraphs/kit/server/startCenter';
import { loadCenterDefinition } from '../subgraphs/registry';
import { startGateway } from '../gateway/server';
import { readSupergraph } from '../gateway/supergraph/supergraphFile';
import { startTracing } from '../platform/observability/tracing';
import { onShutdown } from './shutdown';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths';
import { APPS_OUTPUT, channelAppsBuilt } from './channelApps';

async function main(): Promise<void> {
  const startedAt = Date.now();
  if (!process.env.NODE_ENV) {
    process.env.NODE_ENV = 'development';
    console.log('NODE_ENV is not set: npm start runs in development (demo data, Sandbox, ad-hoc documents, generated secrets)');
  }
  const { mode, seedDemoData: seed, development } = loadConfigOrExit();
  // One process hosts every center and the gateway: each server span names its own (bank.service).
  startTracing({ serviceName: 'bank-platform' });
  const { serverUrl, embedded } = await resolveDatabaseServer(process.env, (message) => console.log(message));

  const centers: RunningCenter[] = [];
  for (const center of CENTERS) {
    const definition = await loadCenterDefinition(center);
    const databaseUrl = await prepareCenterDatabase(definition, serverUrl, { seed, clock: systemClock });
    centers.push(await startCenter(definition, { databaseUrl, port: centerPort(center), clock: systemClock }));
  }
  // Development serves the channel apps on the gateway's port, built on first start (a fresh clone needs no extra command).
  const appsServed = development.channelApps && (await ensureChannelApps());
  const gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    port: centerPort('gateway'),
    clock: systemClock,
    channelApps: appsServed ? APPS_OUTPUT : undefined,
  });

  onShutdown(async () => {
    await gateway.stop();
    await Promise.all(centers.map((center) => center.stop()));
    await embedded?.stop();
  });

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Platform ready in ${seconds}s.
  GraphQL endpoint + Apollo Sandbox: http://localhost:${gateway.port}/graphql${
    appsServed
      ? `
  Web banking:          http://localhost:${gateway.port}/web/
  Mobile H5 (channels): http://localhost:${gateway.port}/h5/
  Operations console:   http://localhost:${gateway.port}/ops/`
      : ''
  }
  Centers: ${centers.map((center) => `${center.name} :${center.port}`).join(', ')}
  Metrics (internal ports, loopback unless METRICS_HOST): ${gateway.metricsUrl ?? 'off'}, centers ${centers
    .map((center) => (center.metricsUrl ? new URL(center.metricsUrl).port : 'off'))
    .join(', ')}
  Mode: ${mode}${seed ? `\n  Demo logins (password ${DEMO_PASSWORD}): ${DEMO_CUSTOMERS.map((customer) => customer.mobile).join(', ')}` : ''}
  Send the channel in the x-channel header (WEB, MOBILE_APP, WECHAT_MINI, WECHAT_BANKING, ALIPAY_MINI).
`);
}

/** Builds the channel apps (`npm run build:apps`) when their output is missing; false when the build failed (the platform still starts). */
async function ensureChannelApps(): Promise<boolean> {
  if (channelAppsBuilt()) return true;
  console.log('Channel apps not built yet: building them (npm run build:apps)…');
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [join(projectRoot, 'scripts', 'build-apps.mjs')], { cwd: projectRoot, stdio: 'inherit' }).on('exit', resolve),
  );
  if (code !== 0) console.log('The channel apps did not build; the platform starts without them (see the output above).');
  return code === 0 && channelAppsBuilt();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
