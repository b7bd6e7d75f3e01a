import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors';
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { INTERNAL_IDENTITY_HEADER, forwardedCredentialHeader } from '../../platform/identity/identity';
import type { GatewayContext } from '../context';
import { internalTokenCache } from './internalTokenCache';
import { shareIdenticalQueries } from './sharedQueryFetches';

/** Client headers that claim an identity; never forwarded (the gateway does not forward client headers at all). */
const CLIENT_IDENTITY_HEADERS = ['authorization', 'cookie', INTERNAL_IDENTITY_HEADER, 'x-user-id', 'x-customer-id'];

/**
 * Step 4: each subgraph fetch carries a short-lived internal identity token signed by the
 * gateway (user, session, channel, device, auth level). Subgraphs trust nothing else.
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly internalToken: ReturnType<typeof internalTokenCache>;

  /**
   * `fetcher` carries the subgraph's timeout, circuit breaker and connection pool (upstream/subgraphFetcher).
   * `forwardCallerCredential` is the benchmark's bare gateway only: it passes the caller's own
   * credential for this subgraph (`x-internal-identity-<subgraph>`) through as `x-internal-identity`,
   * as the peer gateways in the benchmark do, instead of signing one.
   */
  constructor(
    private readonly subgraph: CenterName,
    url: string,
    private readonly clock: Clock,
    fetcher?: Fetcher,
    private readonly forwardCallerCredential = false,
  ) {
    super(fetcher ? { url, fetcher } : { url });
    this.fetcher = shareIdenticalQueries(this.fetcher);
    this.internalToken = internalTokenCache({ clock, audience: subgraph });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    for (const name of CLIENT_IDENTITY_HEADERS) headers.delete(name);
    if (this.forwardCallerCredential) {
      const callerCredential =
        'incomingRequestContext' in options
          ? options.incomingRequestContext.request.http?.headers.get(forwardedCredentialHeader(this.subgraph))
          : undefined;
      if (callerCredential) headers.set(INTERNAL_IDENTITY_HEADER, callerCredential);
      return;
    }
    // Health checks and schema loads run without a request context: they carry the anonymous WEB identity.
    const identity = 'identity' in context && context.identity ? context.identity : { channel: 'WEB' as const, authLevel: 0 };
    headers.set(INTERNAL_IDENTITY_HEADER, await this.internalToken(identity));
  }

  /**
   * A subgraph answers a whole-request refusal (bad variables, 401) with a non-2xx status. Keep the
   * subgraph's own coded error for the client instead of Apollo's generic "400: Bad Request"
   * carrying the raw response body; anything uncoded stays an internal error (masked in production).
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as
      { errors?: { message?: string; extensions?: { code?: unknown; field?: unknown } }[] } | undefined;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    const code = first?.extensions?.code;
    if (typeof code === 'string' && code !== ErrorCode.InternalServerError && typeof first?.message === 'string') {
      const field = first.extensions?.field;
      return new GraphQLError(first.message, { extensions: { code, ...(typeof field === 'string' ? { field } : {}) } });
    }
    return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { code: ErrorCode.InternalServerError } });
  }
}
