/**
 * The gateway's live view of revoked sessions against a real Redis: revocations reach it by
 * message and by the reload of the set, it answers from memory once live, and while its
 * subscription is down every check is a lookup again.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisRevocationStore } from '../../platform/redis/sessionRevocation';
import { testRedisUrl } from '../support/redis';
import { eventually, fromMemory, RevocationProbe, revocationProbe, untilLive } from '../support/revocationProbe';

const REDIS_URL = testRedisUrl();

const admin = new Redis(REDIS_URL);
const opened: RedisRevocationStore[] = [];
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  admin.disconnect();
});

function store(subscriberName?: string): RevocationProbe {
  const probe = revocationProbe(new Redis(REDIS_URL), subscriberName);
  opened.push(probe.revocations);
  return probe;
}

/** A store whose view has started (its first check) and gone live. */
async function liveStore(): Promise<RevocationProbe> {
  const reader = store();
  await reader.revocations.isRevoked(randomUUID());
  await untilLive(reader);
  return reader;
}

test('once live, checks are answered from memory and a new revocation arrives by message', async () => {
  const writer = store();
  const reader = store();
  const sessionId = randomUUID();
  expect(await reader.revocations.isRevoked(sessionId)).toBe(false);
  expect(reader.lookups).toHaveBeenCalledTimes(1); // not live yet: a lookup
  await untilLive(reader);

  const lookupsBefore = reader.lookups.mock.calls.length;
  await writer.revocations.revoke(sessionId);
  await eventually(() => reader.revocations.isRevoked(sessionId));
  expect(await reader.revocations.isRevoked(randomUUID())).toBe(false);
  expect(reader.lookups.mock.calls.length).toBe(lookupsBefore);
});

test('revocations made before the view started are loaded with it', async () => {
  const writer = store();
  const earlier = randomUUID();
  await writer.revocations.revoke(earlier);
  const reader = await liveStore();
  expect(await fromMemory(reader, earlier)).toBe(true);
});

test('while the subscription is down every check is a lookup; a revocation missed meanwhile is loaded on reconnect', async () => {
  const writer = store();
  const reader = await liveStore();

  // Drop the subscription's connection: messages published now are lost to it.
  const clients = (await admin.client('LIST')) as string;
  const line = clients.split('\n').find((entry) => entry.includes(`name=${reader.subscriberName} `));
  const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
  expect(id).toBeDefined();
  await admin.client('KILL', 'ID', id!);
  const missed = randomUUID();
  await writer.revocations.revoke(missed);
  // Whatever the view's state at this moment, the answer is right: by lookup while down, from memory once reloaded.
  expect(await reader.revocations.isRevoked(missed)).toBe(true);

  await untilLive(reader);
  expect(await fromMemory(reader, missed)).toBe(true);
});

test('a subscription that stops answering PING is dropped and not trusted meanwhile', async () => {
  const reader = await liveStore();
  // A partition that leaves the socket open: nothing answers on the subscription any more.
  const deaf = jest.spyOn(Redis.prototype, 'ping').mockImplementation(() => new Promise(() => undefined) as never);
  try {
    const lookupsBefore = reader.lookups.mock.calls.length;
    // The heartbeat notices within about two beats; give it up to five seconds.
    for (let waited = 0; waited < 50 && reader.lookups.mock.calls.length === lookupsBefore; waited += 1) {
      await reader.revocations.isRevoked(randomUUID());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(reader.lookups.mock.calls.length).toBeGreaterThan(lookupsBefore);
  } finally {
    deaf.mockRestore();
  }
});
