import { expiringCache } from '../expiringCache';

test('an entry is good from when it is stored until, not including, its end', () => {
  const cache = expiringCache<string>(10);
  cache.set('token', 'identity', 1_000, 6_000);
  expect(cache.get('token', 1_000)).toBe('identity');
  expect(cache.get('token', 5_999)).toBe('identity');
  expect(cache.get('token', 6_000)).toBeUndefined();
  // Dropped, not merely hidden: a later read at an earlier time finds nothing either.
  expect(cache.get('token', 2_000)).toBeUndefined();
  expect(cache.size).toBe(0);
});

test('a clock moved backwards does not extend trust', () => {
  const cache = expiringCache<string>(10);
  cache.set('token', 'identity', 10_000, 70_000);
  expect(cache.get('token', 9_999)).toBeUndefined();
});

test('an entry that would end at once is not stored', () => {
  const cache = expiringCache<string>(10);
  cache.set('expired', 'identity', 5_000, 5_000);
  cache.set('instant', 'identity', 5_000, 5_001);
  expect(cache.size).toBe(0);
});

test('bounded: the least recently used entry goes first', () => {
  const cache = expiringCache<string>(3);
  for (const key of ['a', 'b', 'c']) cache.set(key, key, 0 + 1, 60_000);
  expect(cache.get('a', 2)).toBe('a');
  cache.set('d', 'd', 3, 60_000);
  expect(cache.size).toBe(3);
  expect(cache.get('b', 4)).toBeUndefined();
  expect([cache.get('a', 4), cache.get('c', 4), cache.get('d', 4)]).toEqual(['a', 'c', 'd']);
});

test('deleting with a value leaves a newer value alone', () => {
  const cache = expiringCache<object>(10);
  const first = { token: 'first' };
  const second = { token: 'second' };
  cache.set('key', first, 1, 10_000);
  cache.set('key', second, 2, 10_000);
  cache.delete('key', first);
  expect(cache.get('key', 3)).toBe(second);
  cache.delete('key', second);
  expect(cache.get('key', 3)).toBeUndefined();
});
