/**
 * What a target address (`<CENTER>_URL`, a gateway's subgraph URL) names: its replicas. Three forms:
 *   http://10.0.0.5:4002/graphql                       one replica (an IP address, or a name used as it is)
 *   http://10.0.0.5:4002/graphql,http://10.0.0.6:4002/graphql   a fixed list of replicas
 *   http://account.bank.svc:4002/graphql               with `resolve`: a host name whose every address is a replica,
 *                                                      looked up again and again so replicas an autoscaler adds get calls
 * A replica is the base URL calls are sent to; the request path is the URL's own.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ReplicaTargets {
  /** The replicas given outright (one or more URLs). */
  urls: string[];
  /** Set when the one URL's host is a name to look up: its replicas are its addresses. */
  resolvable?: URL;
}

export function parseReplicaTargets(value: string): ReplicaTargets {
  const urls = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (urls.length === 0) throw new Error('no target URL given');
  const parsed = urls.map((url) => new URL(url));
  // A name over plain HTTP is resolved to its addresses; over HTTPS the certificate names the host, so it is used as given.
  const only = parsed.length === 1 ? parsed[0]! : undefined;
  const resolvable = only && only.protocol === 'http:' && isIP(unbracketed(only.hostname)) === 0 ? only : undefined;
  return { urls: parsed.map((url) => url.toString()), resolvable };
}

/** Every address of a resolvable target's host as a replica URL (same port, path and query). */
export async function resolveReplicaUrls(target: URL): Promise<string[]> {
  const addresses = await lookup(target.hostname, { all: true });
  const urls = addresses.map(({ address, family }) => {
    const url = new URL(target.toString());
    url.hostname = family === 6 ? `[${address}]` : address;
    return url.toString();
  });
  return [...new Set(urls)].sort();
}

/** The same targets with another path on each URL (the JWKS beside the auth center's `/graphql`). */
export function withTargetPath(value: string, path: string): string {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((url) => new URL(path, url).toString())
    .join(',');
}

function unbracketed(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
