import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { isCenterName } from '../subgraphs/kit/centers';
import type { Clock } from '../subgraphs/kit/clock';
import { centerUrl, isProduction } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import { createErrorFormatter } from '../subgraphs/kit/server/formatError';
import { createRequestListener, listen } from '../subgraphs/kit/server/http';
import { createAccessTokenVerifier } from './accessTokens';
import { createGatewayContext, GatewayContext } from './context';
import { enforceScalarInputs } from './scalarInputs';
import { SignedIdentityDataSource } from './subgraphDataSource';

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  clock: Clock;
  /** Routing URL per center; defaults to `<CENTER>_URL` or the center's default port. */
  subgraphUrl?: (center: string) => string;
  host?: string;
  production?: boolean;
}

export interface RunningGateway {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const production = options.production ?? isProduction();
  const log = createLogger('gateway');
  const subgraphUrl = options.subgraphUrl ?? ((center: string) => (isCenterName(center) ? centerUrl(center) : center));
  const authUrl = new URL(subgraphUrl('auth'));
  const verifyAccessToken = createAccessTokenVerifier(new URL('/.well-known/jwks.json', authUrl).toString(), options.clock);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new SignedIdentityDataSource(subgraphUrl(name), options.clock),
    logger: log,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => enforceScalarInputs(apiSchema));
  const httpServer = createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // Shutdown is the process's job (scripts/shutdown.ts): one handler drains every server in order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter({ production, log }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();
  httpServer.on(
    'request',
    createRequestListener({
      apollo,
      context: (request) => createGatewayContext(request, verifyAccessToken, production),
      routes: { '/health/ready': () => ({ status: 200, body: { status: 'ready' } }) },
    }),
  );
  const port = await listen(httpServer, options.port, options.host);
  log.info({ port }, 'gateway listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => apollo.stop(),
  };
}
