import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { normalizeAddress, parseAddressRanges, type AddressRanges } from '../../platform/http/addressRanges';

/** The proxies whose `X-Forwarded-For` the gateway believes: addresses and CIDR ranges. */
export type TrustedProxies = AddressRanges;

/**
 * The client's address. `X-Forwarded-For` is believed only when the connection comes from a
 * configured proxy, and then only as far as the chain stays inside trusted proxies: the
 * right-most address that is not a trusted proxy is the client. A client that sends its own
 * `X-Forwarded-For` straight to the gateway changes nothing.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: TrustedProxies): string {
  const peer = normalizeAddress(request.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => normalizeAddress(part.trim()))
    .filter((part) => isIP(part) !== 0);
  for (let index = chain.length - 1; index >= 0; index--) {
    if (!trustedProxies.has(chain[index]!)) return chain[index]!;
  }
  return chain[0] ?? peer;
}

/**
 * `TRUSTED_PROXIES=10.0.0.10,10.42.0.0/16`: exact addresses and CIDR ranges (an ingress controller's pods change
 * address when rescheduled; their pod network's range does not), plus any given in code (tests).
 */
export function parseTrustedProxies(raw: string | undefined, extra: readonly string[] = []): TrustedProxies {
  return parseAddressRanges(raw, extra);
}
