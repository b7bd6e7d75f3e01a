import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Clock } from '../subgraphs/kit/clock';
import { INTERNAL_IDENTITY_HEADER, signGatewayIdentity } from '../subgraphs/kit/identity';
import type { GatewayContext } from './context';

/** Client headers that claim an identity; never forwarded (the gateway does not forward client headers at all). */
const CLIENT_IDENTITY_HEADERS = ['authorization', 'cookie', INTERNAL_IDENTITY_HEADER, 'x-user-id', 'x-customer-id'];

/**
 * Step 4: each subgraph fetch carries a short-lived internal identity token signed by the
 * gateway (user, session, channel, device, auth level). Subgraphs trust nothing else.
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly clock: Clock) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    for (const name of CLIENT_IDENTITY_HEADERS) headers.delete(name);
    // Health checks and schema loads run without a request context: they carry the anonymous WEB identity.
    const identity = 'identity' in context && context.identity ? context.identity : { channel: 'WEB' as const, authLevel: 0 };
    headers.set(INTERNAL_IDENTITY_HEADER, await signGatewayIdentity(identity, this.clock));
  }
}
