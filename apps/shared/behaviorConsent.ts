import type { BehaviorTracker } from '../behavior-sdk';

/**
 * The behavior SDK follows the customer's analytics consent: read once per page load after sign-in, and from then on
 * changed only by the settings switch. A read per screen could answer from before a change just made in settings (its
 * request left earlier) and switch collecting back off. Signing out forgets it (`forgetConsent`), for the next customer.
 */
let settled = false;

export const consentSettled = (): boolean => settled;

export function settleConsent(tracker: BehaviorTracker, granted: boolean): void {
  settled = true;
  tracker.setConsent(granted);
}

/** At sign-out: the next customer's consent is read again. */
export function forgetConsent(): void {
  settled = false;
}
