import { createBankClient } from '../shared/client';
import { documentIds, ProductsDocument, BehaviorConsentDocument } from '../documents/WEB.generated';

interface Sent {
  url: string;
  headers: Record<string, string>;
  credentials: string | undefined;
  body: Record<string, unknown>;
}

/** A gateway stand-in: records each request and answers from the queue. */
function fakeGateway(answers: unknown[]) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    sent.push({ url, headers, credentials: init.credentials, body: JSON.parse(String(init.body)) });
    const answer = answers.shift();
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const EMPTY_PRODUCTS = { data: { products: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } };

test('sends a trusted document by id only, with the channel header and cookies', async () => {
  const gateway = fakeGateway([EMPTY_PRODUCTS]);
  const bank = createBankClient({ channel: 'WEB', documentIds, fetch: gateway.fetch, uri: 'http://gateway.test/graphql' });
  const result = await bank.client.query({ query: ProductsDocument, variables: { first: 5 } });
  expect(result.data?.products.edges).toEqual([]);
  expect(gateway.sent).toHaveLength(1);
  const [request] = gateway.sent;
  expect(request!.body).not.toHaveProperty('query');
  expect(request!.body).toMatchObject({
    operationName: 'Products',
    variables: { first: 5 },
    extensions: { persistedQuery: { version: 1, sha256Hash: documentIds.Products } },
  });
  expect(request!.headers['x-channel']).toBe('WEB');
  expect(request!.headers.authorization).toBeUndefined();
  expect(request!.credentials).toBe('include');
});

test('an expired access token is refreshed once through RefreshSession (the cookie), then the request is retried', async () => {
  const consent = { data: { me: { id: 'u1', behaviorConsent: { granted: true, changedAt: '2026-12-01T00:00:00.000Z' } } } };
  const gateway = fakeGateway([
    { errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }], data: null },
    { data: { refreshSession: { accessToken: 'fresh-token', expiresAt: 'x', sessionId: 's', refreshToken: '', refreshExpiresAt: 'x' } } },
    consent,
  ]);
  const bank = createBankClient({ channel: 'WEB', documentIds, fetch: gateway.fetch });
  bank.session.set({ accessToken: 'expired-token' });
  const result = await bank.client.query({ query: BehaviorConsentDocument });
  expect(result.data?.me?.behaviorConsent.granted).toBe(true);
  expect(gateway.sent.map((request) => request.body.operationName)).toEqual(['BehaviorConsent', 'RefreshSession', 'BehaviorConsent']);
  expect(gateway.sent[0]!.headers.authorization).toBe('Bearer expired-token');
  // WEB's refresh token is the HttpOnly cookie: none in the body.
  expect(gateway.sent[1]!.body).toMatchObject({ variables: { refreshToken: null } });
  expect(gateway.sent[1]!.body).not.toHaveProperty('query');
  expect(gateway.sent[2]!.headers.authorization).toBe('Bearer fresh-token');
  expect(bank.session.get().accessToken).toBe('fresh-token');
});

test('on WECHAT_BANKING (device cookie, no refresh cookie) the refresh token kept in memory is sent', async () => {
  const gateway = fakeGateway([
    { errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }], data: null },
    {
      data: {
        refreshSession: { accessToken: 'fresh-token', expiresAt: 'x', sessionId: 's', refreshToken: 'next-refresh', refreshExpiresAt: 'x' },
      },
    },
    { data: { me: { id: 'u1', behaviorConsent: { granted: false, changedAt: null } } } },
  ]);
  const bank = createBankClient({ channel: 'WECHAT_BANKING', documentIds, fetch: gateway.fetch });
  bank.session.set({ accessToken: 'expired-token', refreshToken: 'kept-refresh' });
  await bank.client.query({ query: BehaviorConsentDocument });
  expect(gateway.sent[1]!.body).toMatchObject({ operationName: 'RefreshSession', variables: { refreshToken: 'kept-refresh' } });
  expect(bank.session.get()).toEqual({ accessToken: 'fresh-token', refreshToken: 'next-refresh' });
});

test('sign-out calls Logout and forgets the token', async () => {
  const gateway = fakeGateway([{ data: { logout: true } }]);
  const bank = createBankClient({ channel: 'WEB', documentIds, fetch: gateway.fetch });
  bank.session.set({ accessToken: 'token' });
  await bank.signOut();
  expect(gateway.sent[0]!.body).toMatchObject({
    operationName: 'Logout',
    extensions: { persistedQuery: { sha256Hash: documentIds.Logout } },
  });
  expect(bank.session.get().accessToken).toBeUndefined();
});

test('an operation that is not a trusted document of the channel is never sent', async () => {
  const gateway = fakeGateway([]);
  const bank = createBankClient({ channel: 'OPS', documentIds: { StaffLogin: 'abc' }, fetch: gateway.fetch });
  await expect(bank.client.query({ query: ProductsDocument })).rejects.toThrow(/not a trusted document of this channel/);
  expect(gateway.sent).toHaveLength(0);
});
