/**
 * A browser proves the device it signs in from with the device token the auth center issued when
 * that browser was verified by SMS (a new device, or registration). The gateway keeps the token where
 * page scripts cannot read it: it moves `deviceToken` from a `login`, `verifyNewDevice` or
 * `completeRegistration` result into an `HttpOnly`, `SameSite=Strict` cookie scoped to /graphql (and
 * blanks it in the body), and on `login` hands the cookie to the auth center as
 * `input.deviceProof.deviceToken` — whatever the body said there.
 */
import type { ApolloServerPlugin, GraphQLRequestContext, HeaderMap } from '@apollo/server';
import type { GatewayContext } from '../context';
import { cookieValue, httpOnlyCookieHeader } from './refreshCookie';

export const DEVICE_COOKIE = 'bank_device';
const DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600;
const COOKIE_CHANNELS: readonly string[] = ['WEB', 'WECHAT_BANKING'];
const TOKEN_FIELDS = ['login', 'verifyNewDevice', 'completeRegistration'] as const;

/** Adds a Set-Cookie to the response; several are joined by newlines and written as separate headers (platform/http/server.ts). */
export function appendSetCookie(headers: HeaderMap, cookie: string): void {
  const existing = headers.get('set-cookie');
  headers.set('set-cookie', existing ? `${existing}\n${cookie}` : cookie);
}

export function deviceCookieHeader(token: string, maxAgeSeconds: number, secure: boolean): string {
  return httpOnlyCookieHeader(DEVICE_COOKIE, token, maxAgeSeconds, secure);
}

export function deviceCookiePlugin(options: { secure: boolean }): ApolloServerPlugin<GatewayContext> {
  const usesCookie = (context: GraphQLRequestContext<GatewayContext>) =>
    COOKIE_CHANNELS.includes(context.contextValue.identity?.channel ?? '');
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          if (!usesCookie(context) || context.operation?.operation !== 'mutation') return;
          const login = context.operation.selectionSet.selections.find(
            (selection) => selection.kind === 'Field' && selection.name.value === 'login',
          );
          if (!login || login.kind !== 'Field') return;
          const argument = login.arguments?.find((candidate) => candidate.name.value === 'input');
          if (argument?.value.kind !== 'Variable') return;
          const input = context.request.variables?.[argument.value.name.value] as Record<string, unknown> | undefined;
          if (!input || typeof input !== 'object') return;
          const token = cookieValue(context.request.http?.headers.get('cookie'), DEVICE_COOKIE);
          const proof = (input.deviceProof ?? {}) as Record<string, unknown>;
          input.deviceProof = { ...proof, deviceToken: token ?? null };
        },
        async willSendResponse(context) {
          if (!usesCookie(context) || context.response.body.kind !== 'single') return;
          const data = context.response.body.singleResult.data as Record<string, unknown> | null | undefined;
          for (const field of TOKEN_FIELDS) {
            const result = data?.[field] as { deviceToken?: string | null } | undefined;
            if (!result?.deviceToken) continue;
            appendSetCookie(context.response.http.headers, deviceCookieHeader(result.deviceToken, DEVICE_COOKIE_MAX_AGE, options.secure));
            result.deviceToken = null;
          }
        },
      };
    },
  };
}
