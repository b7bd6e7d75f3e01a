import { ManualClock } from '../../../platform/clock';
import { verifyInternalCredential } from '../../../platform/identity/identity';
import { reusedTokens } from '../../../platform/identity/reusedTokens';
import { generatedKeyEnvironment } from '../../../platform/identity/internalKeys';
import { serviceCredentials } from '../serviceCredentials';

// This process holds every center's key, as a test run does.
Object.assign(process.env, generatedKeyEnvironment());

const subject = {
  service: 'finance' as const,
  audience: 'account' as const,
  actingFor: 'customer-1',
  scopes: ['account:accounts:lookup', 'account:ledger:post'],
};
const { audience: _audience, ...claims } = subject;

// Tokens carry `iat` in whole seconds: a token signed afresh one second or more later is a different string,
// so "the same string 4 s later" can only come from reuse.
test('the same caller, customer and scopes get the same credential for five seconds, then a fresh one', async () => {
  const clock = new ManualClock('2026-11-25T02:00:00.000Z');
  const credential = serviceCredentials({ clock });
  const first = await credential(subject);
  clock.set('2026-11-25T02:00:04.900Z');
  expect(await credential({ ...subject, scopes: [...subject.scopes] })).toBe(first);
  expect(await verifyInternalCredential(first, { audience: 'account', clock })).toEqual({ kind: 'service', ...claims });
  clock.set('2026-11-25T02:00:05.000Z');
  const second = await credential(subject);
  expect(second).not.toBe(first);
  expect(await verifyInternalCredential(second, { audience: 'account', clock })).toEqual({ kind: 'service', ...claims });
});

test('another caller, callee, customer or scope list gets a credential of its own', async () => {
  const clock = new ManualClock('2026-11-25T02:00:00.000Z');
  const credential = serviceCredentials({ clock });
  const base = await credential(subject);
  clock.advance(2_000);
  for (const changed of [
    { ...subject, service: 'limits' as const },
    { ...subject, actingFor: 'customer-2' },
    { ...subject, actingFor: undefined },
    { ...subject, scopes: ['account:accounts:lookup'] },
    { ...subject, scopes: [...subject.scopes].reverse() },
    { ...subject, audience: 'limits' as const },
  ]) {
    const other = await credential(changed);
    expect(other).not.toBe(base);
    const { audience, ...changedClaims } = changed;
    expect(await verifyInternalCredential(other, { audience, clock })).toEqual({ kind: 'service', ...changedClaims });
  }
  expect(await credential(subject)).toBe(base);
});

test('a clock moved backwards counts as expired', async () => {
  const clock = new ManualClock('2026-11-25T02:00:10.000Z');
  const credential = serviceCredentials({ clock });
  const first = await credential(subject);
  clock.set('2026-11-25T02:00:08.000Z');
  const second = await credential(subject);
  expect(second).not.toBe(first);
  expect(await verifyInternalCredential(second, { audience: 'account', clock })).toMatchObject({ actingFor: 'customer-1' });
});

describe('reusedTokens', () => {
  const counted = (fail?: (n: number) => boolean) => {
    let signings = 0;
    const sign = jest.fn(async (name: string) => {
      signings += 1;
      if (fail?.(signings)) throw new Error('signing failed');
      return `${name}#${signings}`;
    });
    return { sign, count: () => signings };
  };

  test('concurrent asks for one subject share a single signing', async () => {
    const clock = new ManualClock();
    const { sign, count } = counted();
    const token = reusedTokens({ clock, sign, keyOf: (name: string) => name });
    expect(await Promise.all([token('a'), token('a'), token('a')])).toEqual(['a#1', 'a#1', 'a#1']);
    expect(count()).toBe(1);
  });

  test('a failed signing is not remembered', async () => {
    const clock = new ManualClock();
    const { sign, count } = counted((n) => n === 1);
    const token = reusedTokens({ clock, sign, keyOf: (name: string) => name });
    await expect(token('a')).rejects.toThrow('signing failed');
    expect(await token('a')).toBe('a#2');
    expect(await token('a')).toBe('a#2');
    expect(count()).toBe(2);
  });

  test('the cache is bounded: when full the least recently used token goes', async () => {
    const clock = new ManualClock();
    const { sign, count } = counted();
    const token = reusedTokens({ clock, sign, keyOf: (name: string) => name, maxEntries: 2 });
    await token('a');
    await token('b');
    expect(await token('a')).toBe('a#1');
    expect(count()).toBe(2);
    await token('c'); // full: b, used least recently, makes room
    expect(await token('a')).toBe('a#1');
    expect(await token('c')).toBe('c#3');
    expect(await token('b')).toBe('b#4');
    expect(count()).toBe(4);
  });

  test('reuseForMs sets how long a token is reused', async () => {
    const clock = new ManualClock();
    const { sign } = counted();
    const token = reusedTokens({ clock, sign, keyOf: (name: string) => name, reuseForMs: 1_000 });
    expect(await token('a')).toBe('a#1');
    clock.advance(999);
    expect(await token('a')).toBe('a#1');
    clock.advance(1);
    expect(await token('a')).toBe('a#2');
  });
});
