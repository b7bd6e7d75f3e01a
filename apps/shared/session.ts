/**
 * The signed-in session as the browser holds it: the access token in memory only (never in
 * localStorage, where any script could read it). On WEB the refresh token lives in the gateway's
 * HttpOnly cookie; the H5 builds (WECHAT_BANKING included: it has the device cookie, not the refresh
 * cookie) keep the one sign-in and `refreshSession` answer in memory as well (the native shell's
 * keystore is out of a page's reach).
 */
export interface SessionState {
  accessToken?: string;
  /** Only on channels without the refresh cookie. */
  refreshToken?: string;
}

export interface SessionStore {
  get(): SessionState;
  set(state: SessionState): void;
  clear(): void;
  /** Called on every change; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void;
}

export function createSessionStore(): SessionStore {
  let state: SessionState = {};
  const listeners = new Set<(state: SessionState) => void>();
  const publish = () => listeners.forEach((listener) => listener(state));
  return {
    get: () => state,
    set(next) {
      state = { ...next };
      publish();
    },
    clear() {
      state = {};
      publish();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
