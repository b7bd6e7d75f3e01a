/**
 * CORS per channel: a browser page may call the gateway only from its own channel's origins
 * (web banking's site, the WeChat H5 pages). Native apps and mini-programs send no `Origin`
 * and are not affected. In development any origin is reflected, so Sandbox works.
 */
import type { IncomingMessage } from 'node:http';
import type { ChannelName } from '../../platform/identity/identity';
import { ErrorCode } from '../../platform/errors';
import { PlainResponse, headerValue, refusal } from '../../platform/http/server';

export interface ChannelCorsOptions {
  /** Allowed origins per channel; `'any'` reflects every origin (development). */
  origins: Partial<Record<ChannelName, readonly string[]>> | 'any';
}

const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-channel',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'traceparent',
].join(', ');

export interface CorsDecision {
  /** Headers to add to the response when it is allowed. */
  headers: Record<string, string>;
  /** Set when the request must be answered now (preflight, or a refused origin). */
  respond?: PlainResponse;
}

export function channelCors(options: ChannelCorsOptions) {
  const allOrigins = options.origins === 'any' ? undefined : new Set(Object.values(options.origins).flat());
  const allowed = (origin: string, channel: ChannelName | undefined): boolean => {
    if (options.origins === 'any') return true;
    // A preflight cannot name its channel (headers are not sent with it): any channel's origin may ask.
    if (channel === undefined) return allOrigins!.has(origin);
    return options.origins[channel]?.includes(origin) ?? false;
  };
  return (request: IncomingMessage, channel: ChannelName | undefined): CorsDecision => {
    const origin = headerValue(request, 'origin');
    if (!origin) return { headers: {} };
    const preflight = request.method === 'OPTIONS';
    if (!allowed(origin, preflight ? undefined : channel)) {
      return { headers: {}, respond: refusal(403, ErrorCode.OriginNotAllowed, '该来源不允许访问此渠道') };
    }
    const headers = { 'access-control-allow-origin': origin, vary: 'origin', 'access-control-allow-credentials': 'true' };
    if (!preflight) return { headers };
    return {
      headers,
      respond: {
        status: 204,
        body: undefined,
        headers: {
          ...headers,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        },
      },
    };
  };
}
