/**
 * The gateway's front door: every check that can be made on the raw HTTP request, in order of
 * cost, before Apollo parses a single token — CORS, CSRF, batching, the per-address rate limit,
 * the token count, and (in production) the channel's trusted documents.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { channelOf } from '../identity/channel';
import type { ChannelName } from '../../platform/identity/identity';
import { currentRequest } from '../../platform/observability/requestScope';
import type { Admission } from '../../platform/http/server';
import { refuseBatch, refuseCsrf, refuseTokenFlood } from './requestRefusals';
import type { channelCors } from './channelCors';
import { clientAddress, type TrustedProxies } from './clientAddress';
import type { GatewayMetrics } from '../plugins/observability';
import { RateLimiter, rateLimited } from '../plugins/rateLimit';
import type { TrustedDocumentResolver } from '../plugins/trustedDocuments';

export interface FrontDoorOptions {
  production: boolean;
  cors: ReturnType<typeof channelCors>;
  limiter: RateLimiter;
  trustedProxies: TrustedProxies;
  maxTokens: number;
  resolveDocument: TrustedDocumentResolver;
  metrics: GatewayMetrics;
}

export function frontDoor(options: FrontDoorOptions) {
  return async (request: IncomingMessage, response: ServerResponse, body: unknown): Promise<Admission> => {
    const record = currentRequest();
    const address = clientAddress(request, options.trustedProxies);
    if (record) record.clientAddress = address;
    const channel = declaredChannel(request, options.production);

    const cors = options.cors(request, channel);
    for (const [name, value] of Object.entries(cors.headers)) response.setHeader(name, value);
    if (cors.respond) return { respond: cors.respond };

    const refused = refuseCsrf(request) ?? refuseBatch(body);
    if (refused) return { respond: refused };

    const decision = await options.limiter.consume('address', address, `address:${address}`);
    if (!decision.allowed) {
      options.metrics.rateLimited.inc({ bucket: 'address' });
      const error = rateLimited(decision.retryAfterSeconds);
      return {
        respond: {
          status: 429,
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
          body: {
            errors: [
              { message: error.message, extensions: { code: error.extensions.code, retryAfterSeconds: decision.retryAfterSeconds } },
            ],
          },
        },
      };
    }

    const flood = refuseTokenFlood(body, options.maxTokens);
    if (flood) return { respond: flood };
    return options.resolveDocument(channel, body);
  };
}

/** The channel the request claims; an invalid one is left for the context to refuse with its own code. */
function declaredChannel(request: IncomingMessage, production: boolean): ChannelName | undefined {
  try {
    return channelOf(request, production);
  } catch {
    return undefined;
  }
}
