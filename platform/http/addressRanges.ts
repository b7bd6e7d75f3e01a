/**
 * A list of IP addresses and CIDR ranges as configuration writes it (`10.0.0.10,10.42.0.0/16,fd00::/8`),
 * matched with Node's `BlockList`. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, how a dual-stack socket
 * reports an IPv4 peer) is matched as the IPv4 address it carries.
 */
import { BlockList, isIP } from 'node:net';

export interface AddressRanges {
  has(address: string): boolean;
}

/** Why an entry is neither an address nor a CIDR range, or undefined when every entry is one. */
export function addressRangesProblem(raw: string | undefined): string | undefined {
  for (const entry of entriesOf(raw)) {
    if (!rangeOf(entry)) return `"${entry}" is neither an IP address nor a CIDR range (10.0.0.10, 10.42.0.0/16, fd00::/8)`;
  }
  return undefined;
}

/** Every entry of `raw` (comma-separated) and of `extra`; throws on one that is neither an address nor a range. */
export function parseAddressRanges(raw: string | undefined, extra: readonly string[] = []): AddressRanges {
  const list = new BlockList();
  for (const entry of [...entriesOf(raw), ...extra.map(normalizeAddress)]) {
    const range = rangeOf(entry);
    if (!range) throw new Error(addressRangesProblem(entry));
    if (range.prefix === undefined) list.addAddress(range.address, range.family);
    else list.addSubnet(range.address, range.prefix, range.family);
  }
  return {
    has(address) {
      const normalized = normalizeAddress(address);
      const family = isIP(normalized);
      return family !== 0 && list.check(normalized, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) and plain IPv4 are the same host. */
export function normalizeAddress(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function entriesOf(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((part) => normalizeAddress(part.trim()))
    .filter(Boolean);
}

function rangeOf(entry: string): { address: string; family: 'ipv4' | 'ipv6'; prefix?: number } | undefined {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return undefined;
  const kind = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return { address, family: kind };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return undefined;
  return { address, family: kind, prefix: Number(prefix) };
}
