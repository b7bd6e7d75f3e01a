/**
 * The consent check in front of a signed-in customer's behavior events: the user center keeps the
 * customer's choice (User.behaviorConsent), and marketing stores their events only while it is on.
 *
 * A yes is remembered for 30 seconds per process, so a stream of batches costs one internal call
 * per customer and half-minute rather than one per batch; a no is never remembered, so events flow
 * as soon as the customer consents. Withdrawing consent therefore takes effect here within 30
 * seconds (the channels' SDK stops sending at once). When the user center cannot answer, nothing is
 * stored (SERVICE_UNAVAILABLE): the SDK keeps the batch and retries it.
 */
import { expiringCache } from '../../../platform/expiringCache';
import { ErrorCode, bankError } from '../../../platform/errors';

const REMEMBER_CONSENT_MS = 30_000;
const consented = expiringCache<true>(100_000);

export type ConsentLookup = (customerId: string) => Promise<boolean>;

export async function assertBehaviorConsent(customerId: string, lookup: ConsentLookup, nowMs: number): Promise<void> {
  if (consented.get(customerId, nowMs)) return;
  let granted: boolean;
  try {
    granted = await lookup(customerId);
  } catch {
    throw bankError(ErrorCode.ServiceUnavailable, '暂时无法记录行为数据，请稍后重试', {
      details: { reason: 'BEHAVIOR_CONSENT_UNAVAILABLE' },
    });
  }
  if (!granted) {
    throw bankError(ErrorCode.Forbidden, '客户未授权收集行为数据', { details: { reason: 'BEHAVIOR_CONSENT_REQUIRED' } });
  }
  consented.set(customerId, true, nowMs, nowMs + REMEMBER_CONSENT_MS);
}
