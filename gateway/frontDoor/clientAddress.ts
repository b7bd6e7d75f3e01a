import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address. `X-Forwarded-For` is believed only when the connection comes from a
 * configured proxy, and then only as far as the chain stays inside trusted proxies: the
 * right-most address that is not a trusted proxy is the client. A client that sends its own
 * `X-Forwarded-For` straight to the gateway changes nothing.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalize(request.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => normalize(part.trim()))
    .filter((part) => isIP(part) !== 0);
  for (let index = chain.length - 1; index >= 0; index--) {
    if (!trustedProxies.has(chain[index]!)) return chain[index]!;
  }
  return chain[0] ?? peer;
}

/** `TRUSTED_PROXIES=10.0.0.1,10.0.0.2` (exact addresses). */
export function parseTrustedProxies(raw: string | undefined): Set<string> {
  return new Set(
    (raw ?? '')
      .split(',')
      .map((part) => normalize(part.trim()))
      .filter(Boolean),
  );
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) and plain IPv4 are the same client. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
