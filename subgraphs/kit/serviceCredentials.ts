/**
 * Service credentials reused for a few seconds: one per (calling center, callee, customer acted
 * for, scopes), shared by every internal client of the process that runs on the same clock. A transfer
 * makes several calls for one customer (account, limits, auth, marketing); reusing one credential
 * saves signing each and lets the callee's cache of verified tokens recognise it.
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import type { ServiceIdentity } from '../../platform/identity/identity';
import { signServiceCredential } from '../../platform/identity/identity';
import { reusedTokens } from '../../platform/identity/reusedTokens';

export type ServiceCredentialSubject = Omit<ServiceIdentity, 'kind'> & { audience: CenterName };

export interface ServiceCredentialsOptions {
  clock: Clock;
  /** How long one signed credential is reused. Default 5 s (of its 60-s life). */
  reuseForMs?: number;
  /** Entries kept, the least recently used going first. Default 10,000. */
  maxEntries?: number;
}

export function serviceCredentials(options: ServiceCredentialsOptions): (subject: ServiceCredentialSubject) => Promise<string> {
  return reusedTokens<ServiceCredentialSubject>({
    ...options,
    sign: (subject, clock) => signServiceCredential(subject, { audience: subject.audience, clock }),
    // Exactly the claims that vary: issuer (the service), audience, subject (actingFor) and the scope string.
    keyOf: (subject) => JSON.stringify([subject.service, subject.audience, subject.actingFor ?? '', subject.scopes.join(' ')]),
  });
}

/** One set per clock: a test's manual clock never gets a credential signed at another clock's time. */
const sharedByClock = new WeakMap<Clock, ReturnType<typeof serviceCredentials>>();

export function sharedServiceCredentials(clock: Clock): ReturnType<typeof serviceCredentials> {
  let credentials = sharedByClock.get(clock);
  if (!credentials) {
    credentials = serviceCredentials({ clock });
    sharedByClock.set(clock, credentials);
  }
  return credentials;
}
