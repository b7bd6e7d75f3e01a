import { addressRangesProblem, parseAddressRanges } from '../http/addressRanges';

test('exact addresses and CIDR ranges, IPv4 and IPv6; a mapped IPv4 peer is its IPv4 address', () => {
  const ranges = parseAddressRanges('10.0.0.10, 10.42.0.0/16,fd00::/8', ['192.0.2.1']);
  for (const inside of ['10.0.0.10', '10.42.0.1', '10.42.255.254', '::ffff:10.42.3.4', 'fd12::1', '192.0.2.1']) {
    expect([inside, ranges.has(inside)]).toEqual([inside, true]);
  }
  for (const outside of ['10.0.0.11', '10.43.0.1', '::ffff:10.43.0.1', 'fe80::1', '192.0.2.2', 'unknown', '']) {
    expect([outside, ranges.has(outside)]).toEqual([outside, false]);
  }
});

test('nothing configured trusts nobody', () => {
  expect(parseAddressRanges(undefined).has('127.0.0.1')).toBe(false);
  expect(parseAddressRanges(' , ').has('127.0.0.1')).toBe(false);
});

test('an entry that is neither an address nor a range is named, not ignored', () => {
  expect(addressRangesProblem('10.0.0.1,10.0.0.0/8,::1/128')).toBeUndefined();
  for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0/8', 'ingress.local', '10.0.0.1/8/1', '10.0.0.0/-1', '10.0.0.0/']) {
    expect(addressRangesProblem(`10.0.0.1,${bad}`)).toContain(`"${bad}"`);
    expect(() => parseAddressRanges(bad)).toThrow(bad);
  }
});
