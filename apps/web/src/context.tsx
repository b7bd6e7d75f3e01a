/** What every screen reaches: the client (session, sign-out) and the behavior tracker. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { BehaviorTracker } from '../../behavior-sdk';
import type { BankClient } from '../../shared/client';

export interface WebContext {
  bank: BankClient;
  tracker: BehaviorTracker;
}

export const Web = createContext<WebContext | null>(null);

export function useWeb(): WebContext {
  const context = useContext(Web);
  if (!context) throw new Error('useWeb outside <App>');
  return context;
}

/** Whether a customer is signed in (the access token in memory), following every change. */
export function useSignedIn(): boolean {
  const { bank } = useWeb();
  const [signedIn, setSignedIn] = useState(Boolean(bank.session.get().accessToken));
  useEffect(() => bank.session.subscribe((state) => setSignedIn(Boolean(state.accessToken))), [bank]);
  return signedIn;
}

/** This browser's device id (sent at sign-in and registration; the gateway's device cookie proves it). */
export function browserDeviceId(): string {
  const key = 'bank.web.deviceId';
  let id = window.localStorage.getItem(key);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    window.localStorage.setItem(key, id);
  }
  return id;
}

export const WEB_DEVICE = () => ({ deviceId: browserDeviceId(), platform: 'WEB' });

export const newIdempotencyKey = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;
