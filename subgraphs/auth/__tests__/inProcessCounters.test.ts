import { InProcessCounterStore } from '../service/counters';

const at = (iso: string) => new Date(iso).getTime();

test('counts within a fixed window and starts again in the next one', async () => {
  const counters = new InProcessCounterStore();
  expect(await counters.increment('login:13800000001', 60, at('2026-11-25T02:00:00.000Z'))).toBe(1);
  expect(await counters.increment('login:13800000001', 60, at('2026-11-25T02:00:59.000Z'))).toBe(2);
  expect(await counters.read('login:13800000001', 60, at('2026-11-25T02:00:59.999Z'))).toBe(2);
  expect(await counters.read('login:13800000002', 60, at('2026-11-25T02:00:59.999Z'))).toBe(0);
  expect(await counters.read('login:13800000001', 60, at('2026-11-25T02:01:00.000Z'))).toBe(0);
  expect(await counters.increment('login:13800000001', 60, at('2026-11-25T02:01:00.000Z'))).toBe(1);
});

test('bounded: past its slots the least recently counted key is forgotten, the others kept', async () => {
  const counters = new InProcessCounterStore(2);
  const now = at('2026-11-25T02:00:00.000Z');
  await counters.increment('a', 60, now);
  await counters.increment('b', 60, now);
  await counters.increment('a', 60, now + 1);
  await counters.increment('c', 60, now + 2);
  expect([await counters.read('a', 60, now + 3), await counters.read('b', 60, now + 3), await counters.read('c', 60, now + 3)]).toEqual([
    2, 0, 1,
  ]);
});
