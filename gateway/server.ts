import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { isCenterName } from '../platform/centers';
import type { Clock } from '../platform/clock';
import { centerUrl, chooseDevelopmentFeatures, DevelopmentFeatures, metricsHost, metricsPort, shutdownGraceMs } from '../platform/config';
import { createLogger } from '../platform/observability/logger';
import { createErrorFormatter } from '../platform/http/formatError';
import { createRequestListener, DEFAULT_MAX_BODY, listen, PHOTO_UPLOAD_MAX_BODY } from '../platform/http/server';
import { DrainSwitch, drainSwitch } from '../platform/http/drain';
import { withTargetPath } from '../platform/http/replicaTargets';
import { startMetricsServer } from '../platform/observability/metricsServer';
import { requestRecordPlugin } from '../platform/observability/requestRecordPlugin';
import { createAccessTokenVerifier } from './identity/accessTokens';
import { createGatewayContext, GatewayContext } from './context';
import { withoutDevelopmentFields } from './supergraph/developmentFields';
import { deviceCookiePlugin } from './plugins/deviceCookie';
import { refreshCookiePlugin } from './plugins/refreshCookie';
import { createSessionRevocationStore } from '../platform/redis/sessionRevocation';
import { connectRedis, isCluster, RedisTarget, redisTarget } from '../platform/redis/connection';
import {
  AdmissionLimits,
  DEFAULT_ADMISSION_LIMITS,
  admissionValidationRules,
  hideFieldSuggestions,
  restoreAdmissionCode,
} from './plugins/admission';
import { channelOrigins, subgraphTimeoutMs } from './environment';
import { channelAppsHandler } from './channelApps';
import { channelCors, createPublicServer, frontDoor, parseTrustedProxies } from './frontDoor';
import { supergraphSource } from './supergraph/supergraphSource';
import { createGatewayMetrics } from './plugins/observability';
import { createResponseCacheStore, responseCacheEnabled, responseCachePlugin, responseCacheTtlSeconds } from './plugins/responseCache';
import { RateLimitPolicy, createRateLimiter, defaultRateLimitPolicy, rateLimitPlugin, sensitiveRootFieldsOf } from './plugins/rateLimit';
import { CircuitBreakerOptions, subgraphServices } from './upstream';
import { trustedDocumentStore, trustedDocuments } from './plugins/trustedDocuments';
import { enforceScalarInputs } from './supergraph/scalarInputs';
import { SUPERGRAPH_PATH } from './supergraph/supergraphFile';

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  clock: Clock;
  /** Routing URL per center; defaults to `<CENTER>_URL` or the center's default port. */
  subgraphUrl?: (center: string) => string;
  host?: string;
  /** Port of the internal `/metrics` listener; default `GATEWAY_METRICS_PORT`, else `port` + 5000 (0: a free port); `null`: none. */
  metricsPort?: number | null;
  /** Interface of the metrics listener; default `METRICS_HOST`, else loopback. */
  metricsHost?: string;
  /** `true`: no development feature; `false`: every one (see `development`). */
  production?: boolean;
  /**
   * Development features (ad-hoc documents, unmasked errors, open CORS, the default channel, the SMS
   * outbox field, introspection and Sandbox, a cookie without Secure) turned on or off; default the
   * configuration's: all in development, none in production or test.
   */
  development?: Partial<DevelopmentFeatures>;
  /** File the supergraph is re-read from on `reload()`; default schema/supergraph.graphql. */
  supergraphPath?: string;
  /** Reload when `supergraphPath` changes. Default false. */
  watchSupergraph?: boolean;
  /** Depth, alias, directive, token and cost limits; defaults in plugins/admission. */
  admission?: Partial<AdmissionLimits>;
  /** Rate limits; default production limits (a thousand times looser under Jest). */
  rateLimit?: Partial<RateLimitPolicy>;
  /** Redis key namespace of the rate limits; gateways that share counters use the same one. */
  rateLimitKeyPrefix?: string;
  /** Redis for rate limits and the response cache: a URL or a cluster; default REDIS_CLUSTER_NODES, then REDIS_URL; `null` forces the in-process fallback. */
  redisUrl?: string | RedisTarget | null;
  /** Run only the calling channel's trusted documents. Default: unless the `adHocDocuments` development feature is on. */
  trustedDocuments?: boolean;
  /** Where the trusted documents and channel manifests are read (and re-read on reload); default schema/operations. */
  operationsDirectory?: string;
  /** Reload the trusted documents when a file under `operationsDirectory` changes. Default false. */
  watchTrustedDocuments?: boolean;
  /** Proxies whose X-Forwarded-For is believed; default TRUSTED_PROXIES. */
  trustedProxies?: string[];
  /** Per-subgraph call budget; default SUBGRAPH_TIMEOUT_MS or 10 s. */
  subgraphTimeoutMs?: number;
  circuitBreaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  /**
   * Benchmark only (scripts/bench): no access-token check, rate limits, admission rules or trusted
   * documents, and the caller's own `x-internal-identity` forwarded to subgraphs — how the peer
   * gateways run in the benchmark. Anyone who can reach a bare gateway is whoever they claim to be:
   * never on a port a client can reach.
   */
  bare?: boolean;
  /** Catalogue response cache (plugins/responseCache); default RESPONSE_CACHE (on, off under Jest). */
  responseCache?: boolean;
  /** Redis key namespace of the response cache; gateways that share entries use the same one. */
  responseCacheKeyPrefix?: string;
  /**
   * The channel apps' build output (apps/dist) to serve at /web/, /h5/ and /ops/; only with the
   * `channelApps` development feature on (never in production).
   */
  channelApps?: string;
}

export interface RunningGateway {
  port: number;
  url: string;
  /** The internal metrics listener's `/metrics` (never on the public port); absent when turned off. */
  metricsUrl?: string;
  /** Swaps in a new supergraph (given, or re-read from the file) without dropping requests. */
  reload(supergraphSdl?: string): Promise<boolean>;
  /** Re-reads the trusted documents and manifests and swaps them in; false when unchanged or refused (the old set serves). */
  reloadTrustedDocuments(): boolean;
  /** Drops the catalogue response cache, for every gateway sharing its Redis. */
  invalidateResponseCache(): Promise<void>;
  /** The first step of a shutdown (scripts/shutdown.ts): readiness off, `Connection: close`, still serving. */
  drainSwitch: DrainSwitch;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const development = chooseDevelopmentFeatures(options);
  const bare = options.bare ?? false;
  const log = createLogger('gateway');
  if (bare) log.warn('bare gateway: no authentication, rate limits, admission or trusted documents (benchmark only)');
  const subgraphUrl = options.subgraphUrl ?? ((center: string) => (isCenterName(center) ? centerUrl(center) : center));
  // The auth center's replicas publish the same key set; any ready one answers.
  const verifyAccessToken = createAccessTokenVerifier(withTargetPath(subgraphUrl('auth'), '/.well-known/jwks.json'), options.clock);

  const revocations = createSessionRevocationStore(log);
  const metrics = createGatewayMetrics();
  const services = subgraphServices({
    clock: options.clock,
    subgraphUrl,
    timeoutMs: options.subgraphTimeoutMs ?? subgraphTimeoutMs(),
    breaker: options.circuitBreaker,
    metrics,
    log,
    forwardCallerCredential: bare,
  });
  const prepareSdl = (sdl: string) => (development.smsOutbox ? sdl : withoutDevelopmentFields(sdl));
  const supergraph = supergraphSource({
    initialSdl: prepareSdl(options.supergraphSdl),
    path: options.supergraphPath ?? SUPERGRAPH_PATH,
    watch: options.watchSupergraph,
    transform: prepareSdl,
    log,
    metrics,
  });
  // Off whatever the environment says: otherwise @apollo/gateway probes cloud metadata addresses and
  // sends hourly usage metrics to apollographql.com, and the gateway talks to no one outside the bank.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: services.buildService,
    logger: log,
    // Off in every environment, not only under NODE_ENV=production (Apollo's default): this whole-supergraph check repeats
    // what loading does anyway (each extracted subgraph and the API schema are validated, so an invalid supergraph is
    // still refused: test/gateway/supergraphValidation.test.ts reloads three kinds), and costs every start and reload.
    validateSupergraph: false,
  });
  const admission = { ...DEFAULT_ADMISSION_LIMITS, ...options.admission };
  const rateLimitPolicy = { ...defaultRateLimitPolicy(), ...options.rateLimit };
  const redisAddress = options.redisUrl === undefined ? redisTarget() : (options.redisUrl ?? undefined);
  const redis = redisAddress ? connectRedis(redisAddress, log, 'rate limits') : undefined;
  // Counting starts in Redis, not in the fallback, when Redis is reachable at start.
  await redis?.ping().catch(() => log.warn('redis not reachable at start: rate limits counted in this process until it is'));
  const responseCache =
    !bare && (options.responseCache ?? responseCacheEnabled())
      ? createResponseCacheStore({ redis, keyPrefix: options.responseCacheKeyPrefix ?? 'bank:rc', log })
      : undefined;
  const limiter = createRateLimiter({ policy: rateLimitPolicy, redis, keyPrefix: options.rateLimitKeyPrefix ?? 'bank:rl', log });
  const formatError = createErrorFormatter({ production: !development.unmaskedErrors, log });
  const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES, options.trustedProxies);
  const documents = bare
    ? undefined
    : trustedDocumentStore({
        directory: options.operationsDirectory,
        watch: options.watchTrustedDocuments,
        log,
        reloads: metrics.trustedDocumentReloads,
      });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => enforceScalarInputs(apiSchema));
  const sensitiveFields = sensitiveRootFieldsOf(gateway);
  const httpServer = createPublicServer();
  const drain = drainSwitch();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: development.introspection,
    includeStacktraceInErrorResponses: development.unmaskedErrors,
    validationRules: bare ? [] : admissionValidationRules(admission),
    // Shutdown is the process's job (scripts/shutdown.ts): one handler drains every server in order.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(restoreAdmissionCode(formatted), error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs() }),
      requestRecordPlugin<GatewayContext>((context) => context.identity.channel),
      ...(bare ? [] : [rateLimitPlugin({ limiter, sensitiveFields, metrics })]),
      ...(responseCache
        ? [responseCachePlugin({ store: responseCache, ttlSeconds: responseCacheTtlSeconds(), log, registry: metrics.registry })]
        : []),
      ...(!development.introspection && !bare ? [hideFieldSuggestions()] : []),
      refreshCookiePlugin({ secure: !development.insecureCookies }),
      // After the refresh cookie: its Set-Cookie is appended to the refresh cookie's.
      deviceCookiePlugin({ secure: !development.insecureCookies }),
      development.introspection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();
  const serveApp = options.channelApps && development.channelApps ? channelAppsHandler(options.channelApps) : undefined;
  const listener = createRequestListener({
    apollo,
    context: (request) => createGatewayContext(request, verifyAccessToken, !development.defaultChannel, revocations, trustedProxies),
    observe: { log, metrics },
    drain,
    // Photo uploads (real-name verification) need a signed-in customer: only a request with a token may be that large.
    maxBodyBytes: (request) => (request.headers.authorization ? PHOTO_UPLOAD_MAX_BODY : DEFAULT_MAX_BODY),
    admit: bare
      ? undefined
      : frontDoor({
          production: !development.defaultChannel,
          cors: channelCors({ origins: channelOrigins(!development.openCors) }),
          limiter,
          trustedProxies,
          maxTokens: admission.maxTokens,
          resolveDocument: trustedDocuments({
            enforce: options.trustedDocuments ?? !development.adHocDocuments,
            documents: documents!.current,
          }),
          metrics,
        }),
    routes: {
      '/health/ready': async () => {
        // Ready when Redis answers (or is not configured): without it rate limits would silently become per-process.
        // On a cluster, when the cluster connection is up: a PING goes to any one node, and one master failing
        // over (each Redis use has its own answer to that) must not take every gateway out of rotation at random.
        if (redis && !(isCluster(redis) ? redis.status === 'ready' : (await redis.ping().catch(() => undefined)) === 'PONG'))
          return { status: 503, body: { status: 'redis unavailable' } };
        return { status: 200, body: { status: 'ready' } };
      },
    },
  });
  httpServer.on('request', serveApp ? (request, response) => serveApp(request, response) || listener(request, response) : listener);
  const port = await listen(httpServer, options.port, options.host);
  const metricsListenPort = options.metricsPort === undefined ? metricsPort('gateway', options.port) : options.metricsPort;
  const metricsServer =
    metricsListenPort === null
      ? undefined
      : await startMetricsServer(metrics, { port: metricsListenPort, host: options.metricsHost ?? metricsHost() });
  log.info({ port, metricsPort: metricsServer?.port ?? 'off' }, 'gateway listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    metricsUrl: metricsServer?.url,
    reload: (sdl) => supergraph.reload(sdl),
    reloadTrustedDocuments: () => documents?.reload() ?? false,
    invalidateResponseCache: async () => responseCache?.invalidate(),
    drainSwitch: drain,
    stop: async () => {
      documents?.close();
      await apollo.stop();
      await revocations.close();
      await services.close();
      await metricsServer?.stop();
      redis?.disconnect();
    },
  };
}
