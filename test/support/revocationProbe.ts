/**
 * Watching a gateway's live view of revoked sessions from a test: a store on a given connection (one
 * Redis server or a cluster) whose lookups in Redis are counted, so a test can tell an answer from
 * memory (the view is live) from one looked up (it is not).
 */
import { randomUUID } from 'node:crypto';
import { RedisRevocationStore } from '../../platform/redis/sessionRevocation';
import type { RedisClient } from '../../platform/redis/connection';

export interface RevocationProbe {
  revocations: RedisRevocationStore;
  /** Every lookup of a session's key in Redis (none while the view answers). */
  lookups: jest.SpyInstance;
  /** The CLIENT name of the view's subscription. */
  subscriberName: string;
}

/** A store on `connection`; closed by the caller (collect it in a list closed in afterAll). */
export function revocationProbe(connection: RedisClient, subscriberName = `test-revocations-${randomUUID()}`): RevocationProbe {
  const revocations = new RedisRevocationStore(connection, Date.now, subscriberName);
  const lookups = jest.spyOn(connection, 'exists');
  return { revocations, lookups, subscriberName };
}

/** Polls until `check` holds (the view goes live and messages arrive asynchronously). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not reached within ${timeoutMs} ms`);
}

/** Live: a check answers without a lookup in Redis. */
export async function untilLive(probe: RevocationProbe, timeoutMs = 2_000): Promise<void> {
  await eventually(async () => {
    const before = probe.lookups.mock.calls.length;
    await probe.revocations.isRevoked(`probe-${randomUUID()}`);
    return probe.lookups.mock.calls.length === before;
  }, timeoutMs);
}

/** The view's answer for `sessionId`, asserting it came from memory (no lookup in Redis). */
export async function fromMemory(probe: RevocationProbe, sessionId: string): Promise<boolean> {
  const lookupsBefore = probe.lookups.mock.calls.length;
  const revoked = await probe.revocations.isRevoked(sessionId);
  expect(probe.lookups.mock.calls.length).toBe(lookupsBefore);
  return revoked;
}
