/**
 * The gateway's hot-path savings keep their guarantees: identical in-flight queries are shared
 * only between callers with the same credential and never for mutations; a signed internal
 * identity is reused only for the same identity and only for a few seconds; the benchmark's
 * bare gateway forwards the caller's credential and nothing else.
 */
import type { Fetcher } from '@apollo/utils.fetcher';
import { ManualClock } from '../../platform/clock';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import {
  INTERNAL_IDENTITY_HEADER,
  forwardedCredentialHeader,
  signGatewayIdentity,
  verifyInternalCredential,
} from '../../platform/identity/identity';
import { CENTERS } from '../../platform/centers';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { internalTokenCache } from '../../gateway/upstream/internalTokenCache';
import { shareIdenticalQueries } from '../../gateway/upstream/sharedQueryFetches';

function countingFetcher() {
  const calls: string[] = [];
  const fetcher = (async (_url: string, init?: { body?: unknown }) => {
    calls.push(String(init?.body));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return new Response(JSON.stringify({ data: { call: calls.length } }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as Fetcher;
  return { fetcher, calls };
}

const QUERY = JSON.stringify({ query: 'query Home__account__0{me{id}}', variables: {} });
const MUTATION = JSON.stringify({ query: 'mutation Pay__finance__0{createTransfer{__typename}}', variables: {} });
const init = (body: string, credential = 'token-a') => ({
  method: 'POST',
  headers: { [INTERNAL_IDENTITY_HEADER]: credential, traceparent: String(Math.random()) },
  body,
});

describe('shared in-flight queries', () => {
  test('identical concurrent queries with the same credential go out once; each caller reads its own body', async () => {
    const { fetcher, calls } = countingFetcher();
    const shared = shareIdenticalQueries(fetcher);
    const answers = await Promise.all([1, 2, 3].map(() => shared('http://account/graphql', init(QUERY))));
    expect(calls).toHaveLength(1);
    for (const answer of answers) expect(await answer.json()).toEqual({ data: { call: 1 } });
  });

  test('another credential, another document, a mutation, or a later call each go out on their own', async () => {
    const { fetcher, calls } = countingFetcher();
    const shared = shareIdenticalQueries(fetcher);
    await Promise.all([
      shared('http://account/graphql', init(QUERY, 'token-a')),
      shared('http://account/graphql', init(QUERY, 'token-b')),
      shared('http://account/graphql', init(QUERY.replace('me{id}', 'me{name}'))),
      shared('http://finance/graphql', init(MUTATION)),
      shared('http://finance/graphql', init(MUTATION)),
    ]);
    expect(calls).toHaveLength(5);
    await shared('http://account/graphql', init(QUERY, 'token-a'));
    expect(calls).toHaveLength(6);
  });

  test("a mutation ends the sharing of its credential's queries in flight", async () => {
    const { fetcher, calls } = countingFetcher();
    const shared = shareIdenticalQueries(fetcher);
    const before = shared('http://account/graphql', init(QUERY));
    const other = shared('http://account/graphql', init(QUERY, 'token-b'));
    const mutation = shared('http://finance/graphql', init(MUTATION));
    const afterOwn = shared('http://account/graphql', init(QUERY));
    const afterOther = shared('http://account/graphql', init(QUERY, 'token-b'));
    await Promise.all([before, other, mutation, afterOwn, afterOther]);
    // query a, query b, mutation a, a fresh query a; query b of the other credential is still shared.
    expect(calls).toHaveLength(4);
  });

  test('a failed fetch fails every caller that shared it, and the next call tries again', async () => {
    let attempts = 0;
    const failing = (async () => {
      attempts += 1;
      throw new Error('connection refused');
    }) as unknown as Fetcher;
    const shared = shareIdenticalQueries(failing);
    const results = await Promise.allSettled([shared('http://a/graphql', init(QUERY)), shared('http://a/graphql', init(QUERY))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(attempts).toBe(1);
    await expect(shared('http://a/graphql', init(QUERY))).rejects.toThrow('connection refused');
    expect(attempts).toBe(2);
  });
});

describe('internal token reuse', () => {
  const identity = {
    channel: 'MOBILE_APP' as const,
    userId: 'customer-1',
    sessionId: 'session-1',
    deviceId: 'device-1',
    authLevel: 1,
    clientAddress: '10.0.0.1',
  };

  test('the same identity gets the same valid token for five seconds, then a fresh one', async () => {
    const clock = new ManualClock('2026-11-25T02:00:00.000Z');
    const token = internalTokenCache({ clock, audience: 'user' });
    const first = await token(identity);
    clock.set('2026-11-25T02:00:04.000Z');
    expect(await token(identity)).toBe(first);
    expect(await verifyInternalCredential(first, { audience: 'user', clock })).toMatchObject({
      kind: 'gateway',
      userId: 'customer-1',
      sessionId: 'session-1',
      clientAddress: '10.0.0.1',
    });
    clock.set('2026-11-25T02:00:06.000Z');
    const second = await token(identity);
    expect(second).not.toBe(first);
    expect(await verifyInternalCredential(second, { audience: 'user', clock })).toMatchObject({ userId: 'customer-1' });
  });

  test('any difference in the identity gives another token', async () => {
    const clock = new ManualClock('2026-11-25T02:00:00.000Z');
    const token = internalTokenCache({ clock, audience: 'user' });
    const base = await token(identity);
    for (const changed of [
      { ...identity, userId: 'customer-2' },
      { ...identity, sessionId: 'session-2' },
      { ...identity, channel: 'WEB' as const },
      { ...identity, authLevel: 2 },
      { ...identity, deviceId: 'device-2' },
      { ...identity, clientAddress: '10.0.0.2' },
    ]) {
      const other = await token(changed);
      expect(other).not.toBe(base);
      expect(await verifyInternalCredential(other, { audience: 'user', clock })).toMatchObject({
        userId: changed.userId,
        channel: changed.channel,
        authLevel: changed.authLevel,
      });
    }
  });
});

describe('the bare gateway (benchmark only)', () => {
  const HOME_SCREEN = readOperationDocument('MOBILE_APP', 'HomeScreen');
  const zhang = DEMO_CUSTOMERS[0]!;
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ production: true, gateway: { bare: true } });
  });
  afterAll(() => platform.stop());

  test("forwards the caller's internal credential to the subgraphs", async () => {
    // One credential per subgraph, each naming its subgraph as audience, as the benchmark hands the peers.
    const headers: Record<string, string> = {};
    for (const center of CENTERS) {
      headers[forwardedCredentialHeader(center)] = await signGatewayIdentity(
        { channel: 'MOBILE_APP', userId: zhang.id, authLevel: 1 },
        { audience: center, clock: platform.clock },
      );
    }
    const { body } = await platform.query<{ me: { id: string; accounts: unknown[] } }>(HOME_SCREEN, { headers });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.id).toBe(zhang.id);
    expect(body.data!.me.accounts).toHaveLength(3);
  });

  test('a credential for one subgraph is refused by the others', async () => {
    const forUser = await signGatewayIdentity(
      { channel: 'MOBILE_APP', userId: zhang.id, authLevel: 1 },
      { audience: 'user', clock: platform.clock },
    );
    const headers = Object.fromEntries(CENTERS.map((center) => [forwardedCredentialHeader(center), forUser]));
    const { body } = await platform.query(HOME_SCREEN, { headers });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('without a credential the subgraphs still refuse', async () => {
    const { body } = await platform.query(HOME_SCREEN);
    expect(body.data?.me ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
