import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Clock } from '../../../platform/clock';
import {
  centerHost,
  chooseDevelopmentFeatures,
  config,
  DevelopmentFeatures,
  metricsHost,
  metricsPort,
  shutdownGraceMs,
} from '../../../platform/config';
import { INTERNAL_IDENTITY_HEADER, verifyInternalCredential } from '../../../platform/identity/identity';
import { createLogger } from '../../../platform/observability/logger';
import { kitScalarResolvers } from '../../../platform/scalars';
import { centerTypeDefs } from '../schema/load';
import type { StatementCounter } from '../database/prismaClient';
import type { AnyCenterDefinition, BaseContext } from './center';
import { createServerMetrics, ServerMetrics } from '../../../platform/observability/metrics';
import { startMetricsServer } from '../../../platform/observability/metricsServer';
import { requestRecordPlugin } from '../../../platform/observability/requestRecordPlugin';
import { createErrorFormatter } from '../../../platform/http/formatError';
import { createRequestListener, headerValue, listen } from '../../../platform/http/server';
import { DrainSwitch, drainSwitch } from '../../../platform/http/drain';
import { requireIdentityByDefault } from './requireIdentity';
import { ensureReferenceData } from '../database/referenceData';
import { assertScopesGranted } from '../serviceScopes';
import { CenterWorker, startWorkerLoop, workersEnabledByDefault } from '../workers/centerWorker';

export interface RunningCenter {
  name: string;
  port: number;
  url: string;
  /** The internal metrics listener's `/metrics` (never on the service port); absent when turned off. */
  metricsUrl?: string;
  statements: StatementCounter;
  metrics: ServerMetrics;
  /** The center's own Prisma client (tests read and arrange data through it; nothing else may). */
  store: unknown;
  /** The center's database (tests restart a center on it). */
  databaseUrl: string;
  /** The center's background workers by name; `runOnce` runs a pass now (tests). */
  workers: Record<string, CenterWorker>;
  /** The first step of a shutdown (scripts/shutdown.ts): readiness off, `Connection: close`, still serving. */
  drainSwitch: DrainSwitch;
  stop(): Promise<void>;
}

export interface StartCenterOptions {
  databaseUrl: string;
  port: number;
  clock: Clock;
  /** Default `<CENTER>_HOST`, else `CENTER_HOST`, else loopback: a center is reached only through what its host allows. */
  host?: string;
  /** Port of the internal `/metrics` listener; default `<CENTER>_METRICS_PORT`, else `port` + 5000 (0: a free port); `null`: none. */
  metricsPort?: number | null;
  /** Interface of the metrics listener; default `METRICS_HOST`, else loopback. */
  metricsHost?: string;
  /** `true`: no development feature; `false`: every one (see `development`). */
  production?: boolean;
  /**
   * Development features (unmasked errors, the SMS outbox, sandbox mini-programs, …) turned on or
   * off; default the configuration's: all in development, none in production or test.
   */
  development?: Partial<DevelopmentFeatures>;
  /** Run the center's workers on timers; default on unless `CENTER_WORKERS=off`, whatever the mode. */
  runWorkers?: boolean;
}

/**
 * Opens the center's store and serves its subgraph on `port` (0 picks a free one).
 * Every request must carry a valid internal credential; without one the context refuses with 401.
 */
export async function startCenter(definition: AnyCenterDefinition, options: StartCenterOptions): Promise<RunningCenter> {
  const log = createLogger(`${definition.name}-center`);
  const development = chooseDevelopmentFeatures(options);
  const { client, statements } = definition.openStore(options.databaseUrl, { development });
  await ensureReferenceData(definition, client, options.databaseUrl, options.clock, log);
  await definition.prepare?.(client, options.clock, log, development);

  const metrics = createServerMetrics({ service: `${definition.name}-center`, processMetrics: config().mode !== 'test' });
  const httpServer = createServer();
  const drain = drainSwitch();
  const typeDefs = centerTypeDefs(definition.name);
  const apollo = new ApolloServer<BaseContext>({
    schema: buildSubgraphSchema({
      typeDefs,
      // Every entry point not marked @public refuses a caller without an identity.
      resolvers: requireIdentityByDefault(typeDefs, { ...kitScalarResolvers, ...definition.resolvers }),
    }),
    formatError: createErrorFormatter({ production: !development.unmaskedErrors, log }),
    includeStacktraceInErrorResponses: development.unmaskedErrors,
    // Shutdown is the process's job (scripts/shutdown.ts): one handler drains every server in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs() }),
      requestRecordPlugin<BaseContext>((context) =>
        context.identity.kind === 'gateway' ? context.identity.channel : `service:${context.identity.service}`,
      ),
    ],
  });
  await apollo.start();

  httpServer.on(
    'request',
    createRequestListener({
      apollo,
      maxBodyBytes: definition.maxBodyBytes,
      observe: { log, metrics },
      drain,
      context: async (request) => {
        const identity = await verifyInternalCredential(headerValue(request, INTERNAL_IDENTITY_HEADER), {
          audience: definition.name,
          clock: options.clock,
        });
        assertScopesGranted(identity, definition.serviceScopes);
        return definition.createContext({ identity, clock: options.clock, log }, client);
      },
      routes: {
        '/health/ready': async () => {
          try {
            await client.$queryRawUnsafe('SELECT 1');
            return { status: 200, body: { status: 'ready' } };
          } catch {
            return { status: 503, body: { status: 'database unavailable' } };
          }
        },
        ...definition.routes?.(client, options.clock),
      },
    }),
  );
  const port = await listen(httpServer, options.port, options.host ?? centerHost(definition.name));
  const metricsListenPort = options.metricsPort === undefined ? metricsPort(definition.name, options.port) : options.metricsPort;
  const metricsServer =
    metricsListenPort === null
      ? undefined
      : await startMetricsServer(metrics, { port: metricsListenPort, host: options.metricsHost ?? metricsHost() });
  log.info({ port, metricsPort: metricsServer?.port ?? 'off' }, `${definition.name} center listening`);
  const workers: CenterWorker[] = definition.workers?.(client, options.clock, log, metrics) ?? [];
  const loops = (options.runWorkers ?? workersEnabledByDefault()) ? workers.map((worker) => startWorkerLoop(worker, log)) : [];

  return {
    name: definition.name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: metricsServer?.url,
    statements,
    metrics,
    store: client,
    databaseUrl: options.databaseUrl,
    workers: Object.fromEntries(workers.map((worker) => [worker.name, worker])),
    drainSwitch: drain,
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
      await Promise.all(workers.map((worker) => worker.stop?.()));
      await apollo.stop(); // drains in-flight requests, then closes the HTTP server
      await metricsServer?.stop();
      await client.$disconnect();
    },
  };
}
