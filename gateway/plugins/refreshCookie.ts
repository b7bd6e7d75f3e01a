/**
 * Web banking keeps its refresh token out of JavaScript's reach: the gateway moves the token the
 * auth center returns into an `httpOnly`, `Secure`, `SameSite=Strict` cookie scoped to /graphql and
 * blanks it in the body; on `refreshSession` it hands the cookie back as the argument. App
 * channels keep the token in the body (they store it in the platform keystore).
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GatewayContext } from '../context';

export const REFRESH_COOKIE = 'bank_refresh';
const REFRESH_COOKIE_MAX_AGE = 30 * 24 * 3600;
const TOKEN_FIELDS = [
  'login',
  'verifyNewDevice',
  'completeRegistration',
  'refreshSession',
  'staffLogin',
  'loginWithPasskey',
  'loginWithDeviceKey',
  'loginWithMiniProgram',
] as const;

/** Reads one cookie from a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** A cookie page scripts cannot read, sent only to /graphql and never cross-site (the refresh and device cookies). */
export function httpOnlyCookieHeader(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    'Path=/graphql',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function refreshCookieHeader(token: string, maxAgeSeconds: number, secure: boolean): string {
  return httpOnlyCookieHeader(REFRESH_COOKIE, token, maxAgeSeconds, secure);
}

export function refreshCookiePlugin(options: { secure: boolean }): ApolloServerPlugin<GatewayContext> {
  const usesCookie = (context: GraphQLRequestContext<GatewayContext>) => context.contextValue.identity?.channel === 'WEB';
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          if (!usesCookie(context) || context.operation?.operation !== 'mutation') return;
          // `refreshSession` without an argument: the refresh token comes from the cookie.
          const token = cookieValue(context.request.http?.headers.get('cookie'), REFRESH_COOKIE);
          const definition = context.operation.selectionSet.selections.find(
            (selection) => selection.kind === 'Field' && selection.name.value === 'refreshSession',
          );
          if (!token || !definition || definition.kind !== 'Field') return;
          const argument = definition.arguments?.find((candidate) => candidate.name.value === 'refreshToken');
          if (argument?.value.kind === 'Variable') {
            const variables = (context.request.variables ??= {});
            if (variables[argument.value.name.value] == null) variables[argument.value.name.value] = token;
          }
        },
        async willSendResponse(context) {
          if (!usesCookie(context) || context.response.body.kind !== 'single') return;
          const data = context.response.body.singleResult.data as Record<string, unknown> | null | undefined;
          for (const field of TOKEN_FIELDS) {
            const result = data?.[field] as { refreshToken?: string | null } | undefined;
            if (!result?.refreshToken) continue;
            // The server-side expiry is what counts; the cookie only needs to live as long.
            context.response.http.headers.set(
              'set-cookie',
              refreshCookieHeader(result.refreshToken, REFRESH_COOKIE_MAX_AGE, options.secure),
            );
            result.refreshToken = null;
          }
          if (data && 'logout' in data && data.logout === true) {
            context.response.http.headers.set('set-cookie', refreshCookieHeader('', 0, options.secure));
          }
        },
      };
    },
  };
}
