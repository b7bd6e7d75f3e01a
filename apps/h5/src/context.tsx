/** What every H5 screen reaches: the client, the behavior tracker and the channel this build is for. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { BehaviorTracker } from '../../behavior-sdk';
import type { BankClient } from '../../shared/client';
import type { H5Channel } from './channel';

export interface H5Context {
  bank: BankClient;
  tracker: BehaviorTracker;
  channel: H5Channel;
}

export const H5 = createContext<H5Context | null>(null);

export function useH5(): H5Context {
  const context = useContext(H5);
  if (!context) throw new Error('useH5 outside <App>');
  return context;
}

/** Whether a customer is signed in (the access token in memory), following every change. */
export function useSignedIn(): boolean {
  const { bank } = useH5();
  const [signedIn, setSignedIn] = useState(Boolean(bank.session.get().accessToken));
  useEffect(() => bank.session.subscribe((state) => setSignedIn(Boolean(state.accessToken))), [bank]);
  return signedIn;
}

/** This phone's device id for the channel (sent at sign-in and registration), kept in the page's storage. */
export function deviceId(): string {
  const key = `bank.h5.${__BANK_CHANNEL__}.deviceId`;
  let id = window.localStorage.getItem(key);
  if (!id) {
    id = `h5-${__BANK_CHANNEL__.toLowerCase()}-${crypto.randomUUID()}`;
    window.localStorage.setItem(key, id);
  }
  return id;
}

export const newIdempotencyKey = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;
