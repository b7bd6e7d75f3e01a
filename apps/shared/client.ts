/**
 * The Apollo Client every channel app uses. It sends only trusted documents, by id: the generated
 * documents (`@documents`) carry their sha256 id, and the request carries
 * `extensions.persistedQuery.sha256Hash` without the query text — never a retry with the text, which
 * the gateway would refuse in production anyway. It names the channel in `x-channel`, sends cookies
 * (`credentials: 'include'`: the gateway's HttpOnly refresh and device cookies), keeps the access token
 * in memory, and on `UNAUTHENTICATED` refreshes the session once through `refreshSession` and retries.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Observable } from 'rxjs';
import { createSessionStore, type SessionStore } from './session';

export type Channel = 'WEB' | 'MOBILE_APP' | 'WECHAT_MINI' | 'WECHAT_BANKING' | 'ALIPAY_MINI' | 'OPS';

/**
 * Channels whose refresh token is the gateway's HttpOnly cookie (refreshSession is sent without one).
 * Only WEB: the gateway sets the refresh cookie there alone (gateway/plugins/refreshCookie.ts). WECHAT_BANKING has the
 * device cookie only (gateway/plugins/deviceCookie.ts) and OPS none; both get the refresh token in the body and keep it
 * in memory, so a reload signs in again.
 */
export const COOKIE_CHANNELS: readonly Channel[] = ['WEB'];

export interface BankClientOptions {
  channel: Channel;
  /** Operation name → trusted-document id: the `documentIds` export of the channel's generated documents. */
  documentIds: Readonly<Record<string, string>>;
  /** The gateway's GraphQL endpoint; default `/graphql` on the page's own origin. */
  uri?: string;
  clientVersion?: string;
  session?: SessionStore;
  fetch?: typeof fetch;
}

export interface BankClient {
  client: ApolloClient;
  session: SessionStore;
  /** Asks for a new access token with the refresh cookie (or the kept refresh token); false when the session is over. */
  refresh(): Promise<boolean>;
  /** Ends the session on the server (best effort) and forgets every token and cached answer. */
  signOut(): Promise<void>;
}

/** The id the gateway knows an operation by, or an error naming the operation (it is not a trusted document of this channel). */
export function documentIdOf(documentIds: Readonly<Record<string, string>>, operationName: string | undefined): string {
  const id = operationName ? documentIds[operationName] : undefined;
  if (!id) throw new Error(`operation ${operationName ?? '(anonymous)'} is not a trusted document of this channel`);
  return id;
}

/** Sends the operation by id: `extensions.persistedQuery`, no `query` in the body. */
export function trustedDocumentLink(documentIds: Readonly<Record<string, string>>): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const sha256Hash = documentIdOf(documentIds, operation.operationName);
    operation.extensions = { ...operation.extensions, persistedQuery: { version: 1, sha256Hash } };
    operation.setContext({ http: { includeQuery: false, includeExtensions: true } });
    return forward(operation);
  });
}

const REFRESH_BODY = (documentIds: Readonly<Record<string, string>>, refreshToken: string | undefined) =>
  JSON.stringify({
    operationName: 'RefreshSession',
    variables: { refreshToken: refreshToken ?? null },
    extensions: { persistedQuery: { version: 1, sha256Hash: documentIdOf(documentIds, 'RefreshSession') } },
  });

export function createBankClient(options: BankClientOptions): BankClient {
  const session = options.session ?? createSessionStore();
  const uri = options.uri ?? '/graphql';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const baseHeaders: Record<string, string> = {
    'x-channel': options.channel,
    ...(options.clientVersion ? { 'x-client-version': options.clientVersion } : {}),
  };
  const cookieChannel = COOKIE_CHANNELS.includes(options.channel);

  let refreshing: Promise<boolean> | undefined;
  async function refreshOnce(): Promise<boolean> {
    const response = await doFetch(uri, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', ...baseHeaders },
      body: REFRESH_BODY(options.documentIds, cookieChannel ? undefined : session.get().refreshToken),
    }).catch(() => undefined);
    const body = (await response?.json().catch(() => undefined)) as
      { data?: { refreshSession?: { accessToken: string; refreshToken?: string | null } | null } } | undefined;
    const refreshed = body?.data?.refreshSession;
    if (!refreshed?.accessToken) {
      session.clear();
      return false;
    }
    session.set({ accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken || session.get().refreshToken });
    return true;
  }
  const refresh = () => {
    refreshing ??= refreshOnce().finally(() => (refreshing = undefined));
    return refreshing;
  };

  const authLink = new ApolloLink((operation, forward) => {
    const token = session.get().accessToken;
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, ...baseHeaders, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }));
    return forward(operation);
  });

  /** One refresh and retry when a signed-in request is answered UNAUTHENTICATED (the access token expired). */
  const refreshLink = new ApolloLink(
    (operation, forward) =>
      new Observable((observer) => {
        const hadToken = Boolean(session.get().accessToken);
        let retried = false;
        let inner: { unsubscribe(): void } | undefined;
        const run = () => {
          // Only the latest attempt may complete the operation: the first one's end is not the answer when it is retried.
          let retrying = false;
          inner = forward(operation).subscribe({
            next: (result) => {
              const unauthenticated = result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED');
              if (unauthenticated && hadToken && !retried && operation.operationName !== 'RefreshSession') {
                retried = true;
                retrying = true;
                void refresh().then((ok) => {
                  if (!ok) {
                    observer.next(result);
                    observer.complete();
                    return;
                  }
                  const token = session.get().accessToken;
                  operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
                    headers: { ...headers, authorization: `Bearer ${token}` },
                  }));
                  run();
                });
                return;
              }
              observer.next(result);
            },
            error: (error) => observer.error(error),
            complete: () => {
              if (!retrying) observer.complete();
            },
          });
        };
        run();
        return () => inner?.unsubscribe();
      }),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([
      refreshLink,
      authLink,
      trustedDocumentLink(options.documentIds),
      new HttpLink({ uri, credentials: 'include', fetch: doFetch }),
    ]),
    cache: new InMemoryCache(),
    // The trusted documents select no __typename, so answers bypass the normalised cache.
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      watchQuery: { fetchPolicy: 'no-cache' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });

  async function signOut(): Promise<void> {
    const token = session.get().accessToken;
    if (token && options.documentIds.Logout) {
      await doFetch(uri, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', ...baseHeaders, authorization: `Bearer ${token}` },
        body: JSON.stringify({
          operationName: 'Logout',
          variables: {},
          extensions: { persistedQuery: { version: 1, sha256Hash: options.documentIds.Logout } },
        }),
      }).catch(() => undefined);
    }
    session.clear();
    await client.clearStore();
  }
  return { client, session, refresh, signOut };
}

/** The GraphQL errors of a failed operation (Apollo Client 4 wraps them in CombinedGraphQLErrors). */
export function graphQLErrorsOf(error: unknown): { message: string; extensions?: Record<string, unknown> }[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors as { message: string; extensions?: Record<string, unknown> }[];
  return [];
}
